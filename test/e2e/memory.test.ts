// Memory measured as the PSS of the whole browser (every Chromium process).
// The worker's image buffers are released after a job: the PSS drops by about
// the picture's decoded size when the selection is cleared, and does not climb
// job after job. Frames stream: a clip six times longer peaks no higher.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleTreeMemory, treeMemory } from '../../bench/proc-memory';
import { engineWorkers, renderAndDownload, seedFor, selectImage, type HarnessSession } from '../../cli/drive';
import { DEFAULT_PARAMS } from '../../engine/params';
import { root, useHarness } from './browser';
import { saveTemp } from './media';

// gc() in the engine worker, so what is measured is what the worker still holds, not garbage waiting.
const harness = useHarness({ chromiumArgs: ['--js-flags=--expose-gc'] });
const WIDTH = 4000;
const HEIGHT = 3000;
const RGBA_MB = (WIDTH * HEIGHT * 4) / 1048576;

/** Collects the engine worker's garbage a few times, then sums the PSS of every process below this one (the browser's). */
async function settledMb(session: HarnessSession): Promise<number> {
  const engines = await engineWorkers(session);
  expect(engines).toHaveLength(1);
  for (let i = 0; i < 3; i++) {
    await engines[0]!.evaluate(() => (globalThis as unknown as { gc(): void }).gc());
    await session.page.waitForTimeout(300);
  }
  return treeMemory(process.pid).pssMb;
}

describe('memory after a job (figma host)', () => {
  it('drops by about the decoded picture when the selection is cleared, job after job', async () => {
    const path = saveTemp(new Uint8Array(), 'big.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=${WIDTH}x${HEIGHT}`, '-frames:v', '1', '-q:v', '3', path]);
    const photo = new Uint8Array(readFileSync(path));
    const session = await harness.open('figma', seedFor({ ...DEFAULT_PARAMS, template: 'zoom-in', duration: 1, fps: 24, width: 160, height: 90 }));
    await selectImage(session, 'Photo', photo);
    // The same node every job: a new one would add the fake canvas's own copy of the picture to the measure.
    const [node] = await session.page.evaluate(() => window.harness.nodes().map((n) => n.id));
    const released: number[] = [];
    for (let job = 0; job < 3; job++) {
      if (job > 0) {
        await session.page.evaluate((id) => window.harness.select([id]), node!);
        await session.ui.waitForSelector('[data-testid=render]:not([disabled])', { timeout: 60_000 });
      }
      await session.ui.waitForSelector('[data-testid=analysis][data-state=done]', { timeout: 120_000 });
      await renderAndDownload(session);
      const loaded = await settledMb(session);
      await session.page.evaluate(() => window.harness.select([]));
      await session.ui.waitForSelector('[data-testid=render][disabled]');
      released.push(await settledMb(session));
      console.log(`job ${job}: ${loaded.toFixed(0)} MB holding the picture, ${released[job]!.toFixed(0)} MB after clearing the selection (${RGBA_MB.toFixed(0)} MB decoded)`);
      // The bitmap, the preview's textures and the analysis planes go; wasm heaps that grew stay, as wasm memory does.
      expect(loaded - released[job]!).toBeGreaterThan(0.6 * RGBA_MB);
    }
    // The first job grows the encoder's and the models' wasm heaps once; after that, a job leaves nothing behind.
    expect(released[2]! - released[1]!).toBeLessThan(0.5 * RGBA_MB);
  });
});

describe.each(['figma', 'secure'] as const)('memory while rendering (%s host)', (host) => {
  it('peaks no higher for a clip six times longer: frames stream from the renderer into the encoder', async () => {
    const W = 640;
    const H = 360;
    // One encoder worker in both: a longer clip would otherwise be split across more workers, each with its own heap.
    const session = await harness.open(host, seedFor({ ...DEFAULT_PARAMS, template: 'pan-right', duration: 2, fps: 24, width: W, height: H, workers: 1 }));
    await selectImage(session, 'Coffee', new Uint8Array(readFileSync(join(root, 'test/fixtures/coffee.png'))));
    await session.ui.waitForSelector('[data-testid=analysis][data-state=done]', { timeout: 120_000 });
    const peakWhileRendering = async (frames: number) => {
      const sampler = sampleTreeMemory(process.pid);
      const { stats } = await renderAndDownload(session);
      const peak = sampler.stop();
      expect(stats.frames).toBe(frames);
      return peak.pssMb;
    };
    const short = await peakWhileRendering(48);
    await session.ui.fill('input[name=duration]', '12');
    const long = await peakWhileRendering(288);
    const frameMb = (W * H * 4) / 1048576;
    console.log(`${host}: peak ${short.toFixed(0)} MB for 48 frames, ${long.toFixed(0)} MB for 288 (${frameMb.toFixed(2)} MB a frame)`);
    // Holding the 240 extra frames would take 240 × 0.88 MB = 211 MB; the longer file itself adds about 2 MB.
    expect(long - short).toBeLessThan(60);
  });
});
