// Parallel segments on the ffmpeg.wasm path, through the real plugin in the
// Figma-faithful host: 1, 2 and 3 workers each give one valid faststart H.264
// MP4 whose frames match the single-worker clip's, for a 2D and a depth template.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage } from '../../cli/drive';
import { splitFrames } from '../../engine/encode/segments';
import { keyframeInterval } from '../../engine/encode/types';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { root, useHarness } from './browser';
import { decodeAll, decodeFrames, frameTimes, probe, saveTemp, sliceQps, topLevelBoxes } from './media';
import { waitForAnalysis } from './worker-messages';

const harness = useHarness();
const astronaut = new Uint8Array(readFileSync(join(root, 'test/fixtures/astronaut.png')));
const W = 320;
const H = 180;
// 24 fps: a keyframe every 48 frames, so 4.5 s (108 frames) is three GOPs, the last one short.
const params: RenderParams = { ...DEFAULT_PARAMS, template: 'film', duration: 4.5, fps: 24, width: W, height: H, encoder: 'ffmpeg' };
const CLIPS: Record<string, Partial<RenderParams>> = {
  // A drift planned from the analysis's focus, with grain that changes every frame and a grade.
  film: { template: 'film' },
  // The camera moves into the analysis's depth layers, its shift worked out for every frame; at full intensity
  // and steady speed, so that neighbouring frames differ clearly at every cut (eased, it all but stops by the last).
  'parallax-dolly': { template: 'parallax-dolly', intensity: 1, easing: 'linear' },
};
const FRAMES = 108;

interface Rendered {
  path: string;
  frames: Uint8Array[];
  /** Each frame's quantiser, as x264 chose it. */
  qps: number[];
  /** Workers the page started during the render (the engine's nested segment workers). */
  spawned: number;
}

async function render(p: RenderParams): Promise<Rendered> {
  const session = await harness.open('figma', seedFor(p));
  await selectImage(session, 'Astronaut', astronaut);
  // Every clip is planned from the same analysis.
  expect(await waitForAnalysis(session.ui)).toBe('done');
  let spawned = 0;
  session.page.on('worker', () => spawned++);
  const { bytes, stats } = await renderAndDownload(session);
  expect(stats).toMatchObject({ encoder: 'ffmpeg', frames: Math.round(p.duration * p.fps), width: W, height: H });
  const boxes = topLevelBoxes(bytes);
  expect(boxes.indexOf('moov'), 'faststart').toBeLessThan(boxes.indexOf('mdat'));
  const path = saveTemp(bytes, `workers-${p.workers}.mp4`);
  return { path, frames: decodeFrames(path, W, H, 'gray'), qps: sliceQps(path), spawned };
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / sum);
}

describe.each(Object.entries(CLIPS))('figma host (ffmpeg.wasm), %s clip split into segments', (_name, patch) => {
  const clipParams: RenderParams = { ...params, ...patch };
  let single: Rendered;
  beforeAll(async () => {
    single = await render({ ...clipParams, workers: 1 });
  });

  it('one worker renders the whole clip itself, as before', () => {
    expect(single.spawned).toBe(0);
    expect(single.frames.length).toBe(FRAMES);
    expect(decodeAll(single.path)).toEqual({ errors: '', frames: FRAMES });
  });

  it.each([2, 3])('%i workers give one valid MP4 with every frame of the single-worker clip', async (workers) => {
    const ranges = splitFrames(FRAMES, workers, keyframeInterval(params.fps));
    expect(ranges.length).toBe(workers);
    const clip = await render({ ...clipParams, workers });
    expect(clip.spawned).toBe(workers);

    const { stream } = probe(clip.path);
    expect(stream).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', r_frame_rate: '24/1', nb_frames: String(FRAMES) });
    expect(stream).toMatchObject({ color_range: 'tv', color_space: 'bt709', color_primaries: 'bt709', color_transfer: 'bt709' });
    expect(Number(stream.duration)).toBeCloseTo(FRAMES / params.fps, 3);
    expect(decodeAll(clip.path)).toEqual({ errors: '', frames: FRAMES });

    const times = frameTimes(clip.path);
    expect(times.map((f) => f.time)).toEqual(times.map((_, i) => expect.closeTo(i / params.fps, 4)));
    for (const { start } of ranges) expect(times[start], `frame ${start} opens a segment`).toMatchObject({ key: true, type: 'I' });

    // The same frames as one worker draws, encoded alike: the first segment is bit-identical, and so is every
    // segment's keyframe that x264 gives the same quantiser. It need not: an I-frame after P-frames takes their
    // mean QP less ip_factor, and a segment's encoder starts without them (CRF 18 starts at QP 15; the dolly's
    // P-frames run below 18, so one worker gives its later keyframes a lower QP). After a cut only x264's rate
    // control may differ slightly.
    expect(clip.frames.length).toBe(FRAMES);
    expect(clip.qps.length).toBe(FRAMES);
    for (let i = 0; i < ranges[1]!.start; i++) expect(Buffer.compare(clip.frames[i]!, single.frames[i]!), `frame ${i}`).toBe(0);
    for (const { start } of ranges) {
      if (clip.qps[start] === single.qps[start]) expect(Buffer.compare(clip.frames[start]!, single.frames[start]!), `keyframe ${start}`).toBe(0);
    }
    for (let i = 0; i < FRAMES; i++) expect(psnr(clip.frames[i]!, single.frames[i]!), `frame ${i}`).toBeGreaterThan(40);
    // Each frame either side of a cut is nearer its own frame of the single-worker clip than either neighbour
    // (an off-by-one join would fail). Relative, not a bound: a step of the dolly changes a frame about as much
    // as a keyframe's change of quantiser does.
    for (const { start } of ranges.slice(1)) {
      for (const i of [start - 1, start]) {
        const own = psnr(clip.frames[i]!, single.frames[i]!);
        expect(own, `frame ${i} against ${i - 1}`).toBeGreaterThan(psnr(clip.frames[i]!, single.frames[i - 1]!));
        expect(own, `frame ${i} against ${i + 1}`).toBeGreaterThan(psnr(clip.frames[i]!, single.frames[i + 1]!));
      }
    }
  });
});

describe('figma host (ffmpeg.wasm), segment workers', () => {
  it('renders a clip shorter than one keyframe interval in one worker, however many are asked for', async () => {
    const short = { ...params, duration: 1.5, workers: 3 };
    const clip = await render(short);
    expect(clip.spawned).toBe(0);
    expect(decodeAll(clip.path)).toEqual({ errors: '', frames: 36 });
    expect(frameTimes(clip.path).map((f) => f.time)).toEqual(Array.from({ length: 36 }, (_, i) => expect.closeTo(i / params.fps, 4)));
  });

  it('cancel ends the segment workers with the engine worker', async () => {
    const session = await harness.open('figma', seedFor({ ...params, duration: 12, workers: 2 }));
    await selectImage(session, 'Astronaut', astronaut);
    expect(await waitForAnalysis(session.ui)).toBe('done');
    const started: Worker[] = [];
    session.page.on('worker', (w) => started.push(w));
    await session.ui.click('[data-testid=render]');
    await session.ui.waitForFunction(() => (document.querySelector('.render progress') as HTMLProgressElement | null)?.value! >= 4, undefined, {
      timeout: 120_000,
    });
    expect(started.length).toBe(2);
    const closed = started.map((w) => new Promise<void>((resolve) => w.on('close', () => resolve())));
    await session.ui.click('button:has-text("Cancel")');
    await session.ui.waitForSelector('.notice:has-text("cancelled")');
    // Terminated with their parent: no segment worker goes on rendering or encoding.
    await Promise.all(closed);
  });
});
