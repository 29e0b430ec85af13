// Every output path through the real plugin in both hosts: each format, codec,
// quality and encoder the host can make, checked as a player would read it
// (ffprobe metadata, a clean full decode, the GIF loop block) and checked to
// be the picture: a middle frame against the same frame of an H.264 clip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage, type HarnessSession, type RenderedStats } from '../../cli/drive';
import { DEFAULT_PARAMS, SOCIAL_PRESET_SETTINGS, type RenderParams } from '../../engine/params';
import type { HostMode } from '../../host/harness-api';
import { root, useHarness } from './browser';
import { decodeAll, decodeFrames, probe, saveTemp, topLevelBoxes, type VideoStream } from './media';
import { waitForAnalysis } from './worker-messages';

const harness = useHarness();
const coffee = new Uint8Array(readFileSync(join(root, 'test/fixtures/coffee.png')));
const W = 320;
const H = 180;
const base: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', duration: 1, fps: 24, width: W, height: H };
/** WebCodecs at its standard bitrate against the x264 CRF 18 reference, 320×180: measured 4.6–4.8 levels per sample. */
const WEBCODECS_PIXEL_TOLERANCE = 6;
/** The slow cases (two passes for a GIF, x264 after unpacking ffmpeg.wasm in the secure host) on a 2-core CI machine. */
const SLOW = 480_000;
/** The frame compared across clips: mid-move, so a wrong frame order or timing shows. */
const PROBE_FRAME = 12;

/** What the UI posts to the sandbox: the stats the schema keeps, and the result's extra fields as sent. */
type SentStats = RenderedStats & { format?: string; encoderReason?: string };

interface Clip {
  path: string;
  bytes: Uint8Array;
  stats: SentStats;
  fileName: string;
  ms: number;
}

async function renderClip(host: HostMode, params: RenderParams, name: string): Promise<Clip> {
  const session = await harness.open(host, seedFor(params));
  await selectImage(session, 'Coffee', coffee);
  const started = performance.now();
  const { bytes, stats, fileName } = await renderAndDownload(session);
  const ms = performance.now() - started;
  const path = saveTemp(bytes, name);
  await footerShows(session, stats as SentStats);
  return { path, bytes, stats: stats as SentStats, fileName, ms };
}

/** The footer names the encoder the render used and says why. */
async function footerShows(session: HarnessSession, stats: SentStats): Promise<void> {
  const footer = await session.ui.evaluate(() => ({
    encoder: document.querySelector('details.host')?.getAttribute('data-encoder'),
    reason: document.querySelector('[data-testid=encoder-reason]')?.textContent,
  }));
  expect(footer).toEqual({ encoder: stats.encoder, reason: stats.encoderReason });
}

const references = new Map<number, Uint8Array>();
/** Frame PROBE_FRAME of an H.264 clip at this frame rate, made once by ffmpeg.wasm in the Figma host. */
async function referenceFrame(fps: RenderParams['fps']): Promise<Uint8Array> {
  let frame = references.get(fps);
  if (!frame) {
    const clip = await renderClip('figma', { ...base, fps }, `reference-${fps}.mp4`);
    frame = decodeFrames(clip.path, W, H, 'rgb24')[PROBE_FRAME]!;
    references.set(fps, frame);
  }
  return frame;
}

/** The clip's frame matches the reference: channel means within `meanTolerance`, pixels within `pixelTolerance` on average. */
async function expectSamePicture(path: string, meanTolerance: number, pixelTolerance: number, fps: RenderParams['fps'] = 24): Promise<void> {
  const frame = decodeFrames(path, W, H, 'rgb24')[PROBE_FRAME]!;
  const ref = await referenceFrame(fps);
  const means = [0, 0, 0];
  const refMeans = [0, 0, 0];
  let diff = 0;
  for (let i = 0; i < frame.length; i++) {
    means[i % 3]! += frame[i]!;
    refMeans[i % 3]! += ref[i]!;
    diff += Math.abs(frame[i]! - ref[i]!);
  }
  const pixels = W * H;
  means.forEach((m, c) => expect(Math.abs(m - refMeans[c]!) / pixels, `channel ${c} mean`).toBeLessThanOrEqual(meanTolerance));
  expect(diff / frame.length, 'mean absolute difference per sample').toBeLessThanOrEqual(pixelTolerance);
}

function expectVideo(clip: Clip, container: 'mp4' | 'webm', expected: Partial<VideoStream>, frames = 24): VideoStream {
  const { stream, format } = probe(clip.path);
  expect(format.format_name).toContain(container === 'mp4' ? 'mp4' : 'webm');
  expect(stream).toMatchObject({ width: W, height: H, r_frame_rate: '24/1', ...expected });
  // Every encoder writes limited-range 4:2:0 tagged BT.709.
  expect(stream).toMatchObject({ pix_fmt: 'yuv420p', color_range: 'tv', color_primaries: 'bt709', color_space: 'bt709', color_transfer: 'bt709' });
  if (container === 'mp4') {
    const boxes = topLevelBoxes(clip.bytes);
    expect(boxes.indexOf('moov'), 'faststart: moov before mdat').toBeLessThan(boxes.indexOf('mdat'));
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
  }
  expect(decodeAll(clip.path)).toEqual({ errors: '', frames });
  return stream;
}

/** The GIF's NETSCAPE2.0 application block: its loop count (0: forever), or null when absent (plays once). */
function gifLoopCount(bytes: Uint8Array): number | null {
  const at = Buffer.from(bytes).indexOf('NETSCAPE2.0');
  if (at < 0) return null;
  // 11-byte identifier, then a 3-byte sub-block: size 3, id 1, little-endian count.
  expect([bytes[at + 11], bytes[at + 12]]).toEqual([3, 1]);
  return bytes[at + 13]! | (bytes[at + 14]! << 8);
}

function log(what: string, clip: Clip): void {
  console.log(`${what}: ${clip.stats.encoder}, ${clip.bytes.byteLength} bytes, ${Math.round(clip.ms)} ms (${clip.stats.encoderReason})`);
}

async function av1Supported(host: HostMode): Promise<boolean> {
  const session = await harness.open(host);
  return session.ui.evaluate(async ([w, h]) => {
    if (typeof VideoEncoder === 'undefined') return false;
    const r = await VideoEncoder.isConfigSupported({ codec: 'av01.0.00M.08', width: w, height: h, bitrate: 500_000, framerate: 24 });
    return r.supported === true;
  }, [W, H] as const);
}

describe('figma host (ffmpeg.wasm)', () => {
  it('makes an H.264 MP4 at standard quality (x264 ultrafast)', async () => {
    const clip = await renderClip('figma', base, 'figma-h264.mp4');
    log('figma mp4/h264 standard', clip);
    expect(clip.stats).toMatchObject({ encoder: 'ffmpeg', format: 'mp4', frames: 24 });
    expect(clip.fileName).toMatch(/\.mp4$/);
    expectVideo(clip, 'mp4', { codec_name: 'h264', profile: 'High' });
    await expectSamePicture(clip.path, 0.5, 0.5);
  });

  it('makes an H.264 MP4 at high quality with x264’s veryfast preset, smaller than standard', async () => {
    const standard = await renderClip('figma', base, 'figma-h264-standard.mp4');
    const clip = await renderClip('figma', { ...base, quality: 'high' }, 'figma-h264-high.mp4');
    log('figma mp4/h264 high', clip);
    expect(clip.stats.encoderReason).toMatch(/x264 veryfast/);
    expectVideo(clip, 'mp4', { codec_name: 'h264', profile: 'High' });
    expect(clip.bytes.byteLength).toBeLessThan(standard.bytes.byteLength);
    await expectSamePicture(clip.path, 1, 3);
  }, SLOW);

  it('says VP9 needs WebCodecs (this ffmpeg.wasm’s libvpx-vp9 crashes)', async () => {
    const session = await harness.open('figma', seedFor({ ...base, format: 'webm', codec: 'vp9' }));
    await selectImage(session, 'Coffee', coffee);
    await expect(renderAndDownload(session)).rejects.toThrow(/VP9 needs WebCodecs, and this frame .* is not a secure context/);
  });

  it('makes a looping GIF with one palette and ordered dither', async () => {
    const params: RenderParams = { ...base, format: 'gif', fps: 25, gif: { colours: 128, dither: 'ordered', loop: true } };
    const clip = await renderClip('figma', params, 'figma.gif');
    log('figma gif', clip);
    expect(clip.stats).toMatchObject({ encoder: 'ffmpeg', format: 'gif', frames: 25 });
    expect(clip.fileName).toMatch(/\.gif$/);
    const { stream } = probe(clip.path);
    expect(stream).toMatchObject({ codec_name: 'gif', width: W, height: H, r_frame_rate: '25/1' });
    expect(gifLoopCount(clip.bytes)).toBe(0);
    expect(decodeAll(clip.path)).toEqual({ errors: '', frames: 25 });
    await expectSamePicture(clip.path, 3, 8, 25);
  }, SLOW);

  it('says AV1 needs WebCodecs', async () => {
    const session = await harness.open('figma', seedFor({ ...base, codec: 'av1', format: 'webm' }));
    await selectImage(session, 'Coffee', coffee);
    await expect(renderAndDownload(session)).rejects.toThrow(/AV1 needs WebCodecs, and this frame .* is not a secure context/);
    expect(await session.ui.textContent('[data-testid=encoder-reason]')).toMatch(/AV1 needs WebCodecs/);
  });
});

describe('secure host (WebCodecs where it can)', () => {
  it('makes an H.264 MP4 with WebCodecs', async () => {
    const clip = await renderClip('secure', base, 'secure-h264.mp4');
    log('secure mp4/h264', clip);
    expect(clip.stats).toMatchObject({ encoder: 'webcodecs', format: 'mp4' });
    expect(clip.stats.encoderReason).toBe('WebCodecs: this host encodes H.264');
    expectVideo(clip, 'mp4', { codec_name: 'h264', profile: 'High' });
    await expectSamePicture(clip.path, 1.5, WEBCODECS_PIXEL_TOLERANCE);
  });

  it('makes a VP9 WebM with WebCodecs', async () => {
    const clip = await renderClip('secure', { ...base, format: 'webm', codec: 'vp9' }, 'secure-vp9.webm');
    log('secure webm/vp9', clip);
    expect(clip.stats).toMatchObject({ encoder: 'webcodecs', format: 'webm' });
    expectVideo(clip, 'webm', { codec_name: 'vp9' });
    await expectSamePicture(clip.path, 1.5, WEBCODECS_PIXEL_TOLERANCE);
  });

  it('makes a VP9 MP4 with WebCodecs', async () => {
    const clip = await renderClip('secure', { ...base, format: 'mp4', codec: 'vp9' }, 'secure-vp9.mp4');
    log('secure mp4/vp9', clip);
    expect(clip.stats).toMatchObject({ encoder: 'webcodecs', format: 'mp4' });
    expectVideo(clip, 'mp4', { codec_name: 'vp9' });
    await expectSamePicture(clip.path, 1.5, WEBCODECS_PIXEL_TOLERANCE);
  });

  it.each(['webm', 'mp4'] as const)('makes AV1 in %s with WebCodecs, or says clearly that this host cannot', async (format) => {
    const params: RenderParams = { ...base, format, codec: 'av1' };
    if (!(await av1Supported('secure'))) {
      const session = await harness.open('secure', seedFor(params));
      await selectImage(session, 'Coffee', coffee);
      await expect(renderAndDownload(session)).rejects.toThrow(/AV1 needs WebCodecs, and WebCodecs here cannot encode AV1/);
      return;
    }
    const clip = await renderClip('secure', params, `secure-av1.${format}`);
    log(`secure ${format}/av1`, clip);
    expect(clip.stats).toMatchObject({ encoder: 'webcodecs', format });
    expectVideo(clip, format, { codec_name: 'av1' });
    await expectSamePicture(clip.path, 1.5, WEBCODECS_PIXEL_TOLERANCE);
  });

  it('uses x264 for high-quality H.264 even where WebCodecs exists', async () => {
    const clip = await renderClip('secure', { ...base, quality: 'high' }, 'secure-h264-high.mp4');
    log('secure mp4/h264 high', clip);
    expect(clip.stats).toMatchObject({ encoder: 'ffmpeg', format: 'mp4' });
    expectVideo(clip, 'mp4', { codec_name: 'h264', profile: 'High' });
  }, SLOW);

  it('makes a GIF that plays once, with diffusion dither, through ffmpeg.wasm', async () => {
    const params: RenderParams = { ...base, format: 'gif', fps: 25, gif: { colours: 64, dither: 'diffusion', loop: false } };
    const clip = await renderClip('secure', params, 'secure.gif');
    log('secure gif', clip);
    expect(clip.stats).toMatchObject({ encoder: 'ffmpeg', format: 'gif', frames: 25 });
    expect(clip.stats.encoderReason).toMatch(/GIF/);
    expect(gifLoopCount(clip.bytes)).toBeNull();
    expect(decodeAll(clip.path)).toEqual({ errors: '', frames: 25 });
    await expectSamePicture(clip.path, 3, 10, 25);
  }, SLOW);
});

describe.each(['figma', 'secure'] as const)('4K in the %s host', (host) => {
  it('makes a 3840×2160 H.264 MP4', async () => {
    const params: RenderParams = { ...base, width: 3840, height: 2160 };
    const session = await harness.open(host, seedFor(params));
    await selectImage(session, 'Coffee', coffee);
    const started = performance.now();
    const { bytes, stats } = await renderAndDownload(session);
    console.log(`4K ${host}: ${stats.encoder}, ${bytes.byteLength} bytes, ${Math.round(performance.now() - started)} ms (render ${Math.round(stats.ms.render)} ms)`);
    const path = saveTemp(bytes, `4k-${host}.mp4`);
    expect(probe(path).stream).toMatchObject({ codec_name: 'h264', profile: 'High', width: 3840, height: 2160, nb_frames: '24' });
    expect(decodeAll(path)).toEqual({ errors: '', frames: 24 });
  }, 600_000);
});

describe.each(['figma', 'secure'] as const)('a social preset in the %s host', (host) => {
  it('makes a file every network takes as it is: H.264 High, yuv420p, BT.709, faststart', async () => {
    const session = await harness.open(host, seedFor({ ...base, duration: 1 }));
    await selectImage(session, 'Coffee', coffee);
    // The analysis line appears when it ends: let the layout settle before clicking.
    await waitForAnalysis(session.ui);
    await session.ui.click('[data-preset=square]');
    await session.ui.waitForSelector('[data-preset=square][aria-pressed=true]');
    const { bytes, stats } = await renderAndDownload(session);
    const { width, height } = SOCIAL_PRESET_SETTINGS.square;
    expect(stats).toMatchObject({ width, height, fps: 30, frames: 30, encoder: host === 'figma' ? 'ffmpeg' : 'webcodecs' });
    const path = saveTemp(bytes, `square-${host}.mp4`);
    const { stream, format } = probe(path);
    expect(format.format_name).toContain('mp4');
    expect(stream).toMatchObject({ codec_name: 'h264', profile: 'High', width, height, r_frame_rate: '30/1', nb_frames: '30' });
    expect(stream).toMatchObject({ pix_fmt: 'yuv420p', color_range: 'tv', color_primaries: 'bt709', color_space: 'bt709', color_transfer: 'bt709' });
    const boxes = topLevelBoxes(bytes);
    expect(boxes.indexOf('moov'), 'faststart: moov before mdat').toBeLessThan(boxes.indexOf('mdat'));
    expect(decodeAll(path)).toEqual({ errors: '', frames: 30 });
  }, SLOW);
});
