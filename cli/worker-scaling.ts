// Measures how the ffmpeg.wasm path scales with segment workers: renders the
// same clip through the real plugin in the Figma-faithful host once per worker
// count and reports wall time and the engine's stage times. The building block
// for a benchmark command; run it with `npx tsx cli/worker-scaling.ts`.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS, parseParams, type RenderParams } from '../engine/params';
import { startServer } from '../host/server';
import { launchChromium } from './chromium';
import { openHarness, renderAndDownload, seedFor, selectImage, type RenderedStats } from './drive';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ScalingRun {
  workers: number;
  /** From clicking Render to the clip being downloadable, as the user waits. */
  wallMs: number;
  stats: RenderedStats;
}

/** Renders `params` once per worker count (the built plugin in dist/, after the analysis is done). */
export async function measureWorkerScaling(
  image: Uint8Array,
  params: RenderParams,
  workerCounts: readonly number[],
  onRun: (run: ScalingRun) => void = () => {},
): Promise<ScalingRun[]> {
  const server = await startServer({ root });
  const browser = await launchChromium();
  try {
    const runs: ScalingRun[] = [];
    for (const workers of workerCounts) {
      const session = await openHarness(browser, server.url, 'figma', seedFor(parseParams({ ...params, workers })));
      try {
        await selectImage(session, 'Scaling', image);
        await session.ui.waitForSelector('[data-testid=analysis]:not([data-state=running])', { timeout: 120_000 });
        const started = performance.now();
        const { stats } = await renderAndDownload(session);
        const run = { workers, wallMs: Math.round(performance.now() - started), stats };
        runs.push(run);
        onRun(run);
      } finally {
        await session.page.close();
      }
    }
    return runs;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      image: { type: 'string', default: resolve(root, 'test/fixtures/astronaut.png') },
      workers: { type: 'string', default: '1,2,3' },
      size: { type: 'string', default: '1920x1080' },
      duration: { type: 'string', default: '3' },
      fps: { type: 'string', default: '30' },
      template: { type: 'string', default: 'zoom-in' },
    },
  });
  const [width, height] = values.size.split('x').map(Number);
  const params = parseParams({ ...DEFAULT_PARAMS, template: values.template, width, height, duration: Number(values.duration), fps: Number(values.fps), encoder: 'ffmpeg' });
  // One line per run as it ends, so a long series reports what it has measured so far.
  await measureWorkerScaling(new Uint8Array(await readFile(values.image)), params, values.workers.split(',').map(Number), (r) =>
    console.log(JSON.stringify({ workers: r.workers, wallMs: r.wallMs, frames: r.stats.frames, ms: r.stats.ms })),
  );
}
