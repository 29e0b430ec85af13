// npm run bench -- [--quick] [--cases a,b] [--workers N] [--seconds S] [--json] [--keep DIR]
// The benchmark: the built plugin in headless Chromium (as `npm run animate`
// drives it), in both host modes, on a 12-megapixel photo it makes itself;
// native ffmpeg zoompan side by side; the encoders' own throughput; scaling
// over encoder workers; the jitter of the zoom clips. A failed case is
// reported and the run goes on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import jpeg from 'jpeg-js';
import { LIMITS, type RenderParams } from '../engine/params';
import type { HostMode } from '../host/harness-api';
import { startServer, type StaticServer } from '../host/server';
import { buildIfStale } from '../cli/build-if-stale';
import { launchChromium } from '../cli/chromium';
import { openHarness, renderAndDownload, seedFor, selectImage, type RenderedStats } from '../cli/drive';
import { CASE_IDS, PHOTO_SIZE, QUICK_PHOTO_SIZE, scalingParams, selectCases, ZOOM_IN_ZOOM, type BenchCase } from './cases';
import { measureClipJitter } from './clip-jitter';
import { containerOf } from './container';
import { EncoderLimit } from './encoder-limit';
import { describeMachine, type Machine } from './machine';
import { makePhoto } from './photo';
import { sampleTreeMemory } from './proc-memory';
import { formatTable } from './table';
import { judgeTargets, type TargetResult } from './targets';
import type { Jitter } from './trajectory';
import { hasFfmpeg, runZoompan } from './zoompan';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOSTS: HostMode[] = ['figma', 'secure'];
const SCALING = 'scaling';

interface ProductRun {
  caseId: string;
  label: string;
  host: HostMode;
  workers: number | null;
  ok: boolean;
  error?: string;
  encoder?: string;
  frames?: number;
  width?: number;
  height?: number;
  /** Engine stages (decode, analyse, render, encode, total) and the wall time from selecting the image to holding the file. */
  ms?: RenderedStats['ms'] & { endToEnd: number };
  /** Frames per second end to end. */
  fps?: number;
  bytes?: number;
  peakMemoryMb?: { pss: number; rss: number };
  jitter?: Jitter;
  zoompanRatio?: number | null;
  encoderLimit?: { encoder: 'ffmpeg' | 'webcodecs'; workers: number; fps: number } | null;
  pipelineFraction?: number | null;
}

interface Baseline {
  caseId: string;
  ok: boolean;
  error?: string;
  ms?: number;
  fps?: number;
  jitter?: Jitter;
}

interface ScalingRun {
  workers: number;
  ok: boolean;
  error?: string;
  ms?: number;
  fps?: number;
  speedUp?: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

function keepDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      cases: { type: 'string' },
      workers: { type: 'string' },
      seconds: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const ids = values.cases ? values.cases.split(',').map((s) => s.trim()).filter(Boolean) : [...CASE_IDS, SCALING];
  const caseIds = ids.filter((id) => id !== SCALING);
  const cores = availableParallelism();
  const workers = values.workers === undefined ? Math.min(cores, LIMITS.maxWorkers) : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > LIMITS.maxWorkers) throw new Error(`--workers must be 1..${LIMITS.maxWorkers}`);
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  return {
    help: values.help,
    quick: values.quick,
    cases: selectCases(caseIds, values.quick, seconds),
    scaling: ids.includes(SCALING),
    seconds,
    workers,
    json: values.json,
    keep: values.keep !== undefined,
    dir: values.keep ? keepDir(resolve(values.keep)) : mkdtempSync(join(tmpdir(), 'stillmotion-bench-')),
  };
}

/**
 * One render through the product, in a fresh browser, with the browser's memory sampled throughout;
 * the clip is kept at `out` plus the extension of what it turned out to be.
 */
async function runProduct(
  server: StaticServer,
  photo: Uint8Array,
  params: RenderParams,
  host: HostMode,
  out: string,
): Promise<{ stats: RenderedStats; endToEnd: number; bytes: Uint8Array; path: string; peak: { pss: number; rss: number } }> {
  const browser = await launchChromium();
  try {
    const session = await openHarness(browser, server.url, host, seedFor(params));
    const memory = sampleTreeMemory(process.pid);
    let peak = { pss: 0, rss: 0 };
    const started = performance.now();
    let outcome;
    try {
      await selectImage(session, 'bench-photo.jpg', photo);
      outcome = await renderAndDownload(session);
    } finally {
      const m = memory.stop();
      peak = { pss: m.pssMb, rss: m.rssMb };
    }
    const endToEnd = performance.now() - started;
    if (session.pluginRequests.length) throw new Error(`the plugin made network requests: ${session.pluginRequests.join(', ')}`);
    const got = containerOf(outcome.bytes);
    const path = `${out}.${got}`;
    writeFileSync(path, outcome.bytes);
    if (got !== params.format) throw new Error(`asked for ${params.format}, the product delivered ${got} (${outcome.bytes.byteLength} bytes, ${path})`);
    return { stats: outcome.stats, endToEnd, bytes: outcome.bytes, path, peak };
  } finally {
    await browser.close();
  }
}

const frameCount = (p: RenderParams) => Math.max(2, Math.round(p.duration * p.fps));
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

async function main(): Promise<void> {
  const options = parseCommandLine();
  if (options.help) {
    console.log('usage: npm run bench -- [--quick] [--cases ' + [...CASE_IDS, SCALING].join(',') + '] [--workers N] [--seconds S] [--json] [--keep DIR]');
    return;
  }
  buildIfStale(root, log);
  const size = options.quick ? QUICK_PHOTO_SIZE : PHOTO_SIZE;
  log(`Making a ${size.width}×${size.height} test photo…`);
  const photo = makePhoto(size.width, size.height);
  const photoBytes = new Uint8Array(jpeg.encode({ width: photo.width, height: photo.height, data: photo.data }, 92).data);
  const photoPath = join(options.dir, 'bench-photo.jpg');
  writeFileSync(photoPath, photoBytes);
  const ffmpeg = hasFfmpeg();

  const server = await startServer({ root });
  const runs: ProductRun[] = [];
  const baselines: Baseline[] = [];
  const scaling: ScalingRun[] = [];
  try {
    for (const c of options.cases) {
      for (const host of HOSTS) {
        // Encoder workers are for the wasm path; WebCodecs has its own threads.
        const workers = host === 'figma' ? options.workers : null;
        const params: RenderParams = { ...c.params, workers };
        const out = join(options.dir, `${c.id}-${host}`);
        log(`${c.label}, ${host} host…`);
        const run: ProductRun = { caseId: c.id, label: c.label, host, workers, ok: false };
        runs.push(run);
        let r: Awaited<ReturnType<typeof runProduct>>;
        try {
          r = await runProduct(server, photoBytes, params, host, out);
          Object.assign(run, {
            ok: true,
            encoder: r.stats.encoder,
            frames: r.stats.frames,
            width: r.stats.width,
            height: r.stats.height,
            ms: { ...r.stats.ms, endToEnd: r.endToEnd },
            fps: r.stats.frames / (r.endToEnd / 1000),
            bytes: r.bytes.byteLength,
            peakMemoryMb: r.peak,
          });
        } catch (e) {
          run.error = message(e);
          log(`  FAILED: ${run.error}`);
          continue;
        }
        if (c.measureJitter && ffmpeg) {
          try {
            run.jitter = await measureClipJitter(r.path, params.width, params.height);
          } catch (e) {
            log(`  jitter not measured: ${message(e)}`);
          }
        }
      }
      if (ffmpeg) baselines.push(await runBaseline(c, photoPath, options.dir));
    }

    await measureEncoderLimits(runs, options.cases, options.workers);
    for (const run of runs) {
      const base = baselines.find((b) => b.caseId === run.caseId);
      run.zoompanRatio = run.ok && base?.ok ? run.ms!.endToEnd / base.ms! : null;
    }

    if (options.scaling) {
      const n = Math.min(availableParallelism(), LIMITS.maxWorkers);
      for (let workers = 1; workers <= n; workers++) {
        log(`Scaling: ${workers} worker(s), figma host…`);
        const params = scalingParams(options.quick, workers, n);
        const entry: ScalingRun = { workers, ok: false };
        scaling.push(entry);
        try {
          const r = await runProduct(server, photoBytes, params, 'figma', join(options.dir, `scaling-${workers}`));
          Object.assign(entry, { ok: true, ms: r.endToEnd, fps: r.stats.frames / (r.endToEnd / 1000) });
        } catch (e) {
          entry.error = message(e);
          log(`  FAILED: ${entry.error}`);
        }
      }
      const one = scaling.find((s) => s.workers === 1 && s.ok);
      for (const s of scaling) if (s.ok && one) s.speedUp = one.ms! / s.ms!;
    }
  } finally {
    await server.close();
    // The clips of a full run take gigabytes; they stay only when asked for.
    if (!options.keep) rmSync(options.dir, { recursive: true, force: true });
  }

  const machine = describeMachine();
  const targets = judgeTargets(
    runs.map((r) => ({
      caseId: r.caseId,
      host: r.host,
      endToEndMs: r.ok ? r.ms!.endToEnd : null,
      zoompanMs: baselines.find((b) => b.caseId === r.caseId && b.ok)?.ms ?? null,
      pipelineFraction: r.pipelineFraction ?? null,
      peakPssMb: r.peakMemoryMb?.pss ?? null,
    })),
  );
  printReport(machine, options, runs, baselines, scaling, targets, ffmpeg);
  if (options.json) {
    console.log(JSON.stringify({ machine, quick: options.quick, seconds: options.seconds ?? null, workers: options.workers, photo: size, clips: options.keep ? options.dir : null, ffmpeg, runs, baselines, scaling, targets }));
  }
}

async function runBaseline(c: BenchCase, image: string, dir: string): Promise<Baseline> {
  const p = c.params;
  const frames = frameCount(p);
  const out = join(dir, `${c.id}-zoompan.${p.format === 'gif' ? 'gif' : 'mp4'}`);
  log(`${c.label}, native ffmpeg zoompan…`);
  try {
    const ms = runZoompan({ image, out, width: p.width, height: p.height, fps: p.fps, frames, zoom: ZOOM_IN_ZOOM, format: p.format === 'gif' ? 'gif' : 'mp4' });
    const jitter = c.measureJitter ? await measureClipJitter(out, p.width, p.height) : undefined;
    return { caseId: c.id, ok: true, ms, fps: frames / (ms / 1000), ...(jitter ? { jitter } : {}) };
  } catch (e) {
    return { caseId: c.id, ok: false, error: message(e) };
  }
}

/**
 * The bare encoder's fps for each successful MP4 run: ffmpeg.wasm with the
 * run's worker count for the figma host, WebCodecs for the secure one, on the
 * same size and frame count. GIF has no bare encoder class to compare with.
 */
async function measureEncoderLimits(runs: ProductRun[], cases: readonly BenchCase[], workers: number): Promise<void> {
  const limit = new EncoderLimit();
  try {
    for (const run of runs) {
      const c = cases.find((x) => x.id === run.caseId)!;
      if (!run.ok || c.params.format !== 'mp4') {
        run.encoderLimit = null;
        run.pipelineFraction = null;
        continue;
      }
      const encoder = run.encoder === 'webcodecs' ? 'webcodecs' : 'ffmpeg';
      const streams = encoder === 'ffmpeg' ? (run.workers ?? workers) : 1;
      log(`Encoder limit: ${encoder}, ${streams} worker(s), ${c.params.width}×${c.params.height}, ${run.frames} frames…`);
      try {
        // A short warm-up first: the wasm's optimised tier comes in as it runs.
        await limit.measure({ encoder, width: 256, height: 144, fps: c.params.fps, frames: 30, workers: streams });
        const r = await limit.measure({ encoder, width: c.params.width, height: c.params.height, fps: c.params.fps, frames: run.frames!, workers: streams });
        const fps = r.frames / (r.wallMs / 1000);
        run.encoderLimit = { encoder, workers: streams, fps };
        run.pipelineFraction = run.fps! / fps;
      } catch (e) {
        log(`  FAILED: ${message(e)}`);
        run.encoderLimit = null;
        run.pipelineFraction = null;
      }
    }
  } finally {
    await limit.close();
  }
}

function printReport(machine: Machine, options: ReturnType<typeof parseCommandLine>, runs: ProductRun[], baselines: Baseline[], scaling: ScalingRun[], targets: TargetResult[], ffmpeg: boolean): void {
  const lines: string[] = [];
  const shortened = !options.quick && options.seconds !== undefined ? ` (--seconds: every case ${options.seconds} s long, full size)` : '';
  lines.push(`Stillmotion benchmark${options.quick ? ' (--quick: tiny sizes, figures are a smoke test only)' : shortened}`);
  lines.push(`Machine: ${machine.cores} cores · ${machine.cpu} · ${machine.memoryGb} GB · ${machine.platform} · Node ${machine.node} · Chromium ${machine.chromium ?? 'unknown'}`);
  lines.push(`Photo: ${options.quick ? QUICK_PHOTO_SIZE.width : PHOTO_SIZE.width}×${options.quick ? QUICK_PHOTO_SIZE.height : PHOTO_SIZE.height} JPEG made by the benchmark · figma host: ${options.workers} encoder worker(s) asked for · ${options.keep ? `clips in ${options.dir}` : 'clips deleted (--keep DIR keeps them)'}`);
  lines.push('');
  lines.push(
    formatTable(
      [
        { header: 'case' }, { header: 'host' }, { header: 'encoder' }, { header: 'frames' },
        { header: 'decode s', digits: 2 }, { header: 'analyse s', digits: 2 }, { header: 'render s', digits: 2 }, { header: 'encode s', digits: 2 },
        { header: 'engine s', digits: 2 }, { header: 'end-to-end s', digits: 2 }, { header: 'fps', digits: 1 }, { header: 'MB', digits: 2 }, { header: 'peak MB', digits: 0 },
      ],
      runs.map((r) =>
        r.ok
          ? [r.caseId, r.host, r.encoder, r.frames, seconds(r.ms!.decode), seconds(r.ms!.analyse), seconds(r.ms!.render), seconds(r.ms!.encode), seconds(r.ms!.total), seconds(r.ms!.endToEnd), r.fps, r.bytes! / 1048576, r.peakMemoryMb!.pss]
          : [r.caseId, r.host, 'FAILED (below)'],
      ),
    ),
  );
  for (const r of runs.filter((x) => !x.ok)) lines.push(`FAILED ${r.caseId}, ${r.host} host: ${r.error}`);
  lines.push('(engine s: decode + analyse + render + encode as the worker timed them; peak MB: PSS of all Chromium processes, sampled every 100 ms)');
  lines.push('');
  lines.push(
    formatTable(
      [
        { header: 'case' }, { header: 'host' }, { header: 'zoompan s', digits: 2 }, { header: '× zoompan', digits: 2 },
        { header: 'bare encoder' }, { header: 'encoder fps', digits: 1 }, { header: 'pipeline %', digits: 0 },
        { header: 'jitter px', digits: 3 }, { header: 'zoompan jitter px', digits: 3 },
      ],
      runs.map((r) => {
        const base = baselines.find((b) => b.caseId === r.caseId);
        const limit = r.encoderLimit ? `${r.encoderLimit.encoder} ×${r.encoderLimit.workers}` : null;
        return [
          r.caseId, r.host, base?.ok ? seconds(base.ms) : base ? 'FAILED' : null, r.zoompanRatio,
          limit, r.encoderLimit?.fps, r.pipelineFraction == null ? null : 100 * r.pipelineFraction,
          r.jitter?.rms, base?.jitter?.rms,
        ];
      }),
    ),
  );
  if (!ffmpeg) lines.push('(ffmpeg is not installed: no zoompan baseline and no jitter)');
  for (const b of baselines.filter((x) => !x.ok)) lines.push(`zoompan ${b.caseId} FAILED: ${b.error}`);
  lines.push('(jitter: RMS distance of each marker from a smooth fit of its path, in output pixels, averaged over the markers)');
  if (scaling.length) {
    lines.push('');
    const shown = scalingParams(options.quick, 1, Math.max(...scaling.map((s) => s.workers)));
    lines.push(`Scaling over encoder workers (figma host, ${shown.width}×${shown.height} zoom-in, ${shown.duration} s):`);
    lines.push(
      formatTable(
        [{ header: 'workers' }, { header: 'end-to-end s', digits: 2 }, { header: 'fps', digits: 1 }, { header: 'speed-up', digits: 2 }],
        scaling.map((s) => (s.ok ? [s.workers, seconds(s.ms), s.fps, s.speedUp] : [s.workers, 'FAILED (below)'])),
      ),
    );
    for (const s of scaling.filter((x) => !x.ok)) lines.push(`FAILED ${s.workers} worker(s): ${s.error}`);
  }
  lines.push('');
  lines.push('Targets:');
  for (const t of targets) lines.push(`  ${t.status.padEnd(4)}  ${t.target} — ${t.detail}`);
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(`bench: ${message(e)}`);
  process.exit(1);
});
