// npm run animate -- <image> [--template ID] [--duration S] [--fps N] [--size WxH]
//                            [--host figma|secure] [--out FILE] [--json]
// Renders an image to an MP4 with the built plugin, in headless Chromium, in
// the Figma-faithful host unless --host secure is given.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS, parseParams, TEMPLATE_IDS, type RenderParams } from '../engine/params';
import type { HostMode } from '../host/harness-api';
import { startServer } from '../host/server';
import { buildIfStale } from './build-if-stale';
import { launchChromium } from './chromium';
import { openHarness, renderAndDownload, seedFor, selectImage } from './drive';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run animate -- <image> [--template ID] [--duration S] [--fps N] [--size WxH] [--host figma|secure] [--out FILE] [--json]';

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      template: { type: 'string', default: DEFAULT_PARAMS.template },
      duration: { type: 'string', default: String(DEFAULT_PARAMS.duration) },
      fps: { type: 'string', default: String(DEFAULT_PARAMS.fps) },
      size: { type: 'string', default: `${DEFAULT_PARAMS.width}x${DEFAULT_PARAMS.height}` },
      host: { type: 'string', default: 'figma' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const image = resolve(positionals[0]!);
  if (!(TEMPLATE_IDS as readonly string[]).includes(values.template)) {
    throw new UsageError(`Unknown template "${values.template}" (choose from: ${TEMPLATE_IDS.join(', ')}).`);
  }
  const size = /^(\d+)x(\d+)$/.exec(values.size);
  if (!size) throw new UsageError(`--size must look like 1280x720, not "${values.size}".`);
  if (values.host !== 'figma' && values.host !== 'secure') throw new UsageError(`--host must be figma or secure, not "${values.host}".`);
  let params: RenderParams;
  try {
    params = parseParams({
      template: values.template,
      duration: Number(values.duration),
      fps: Number(values.fps),
      width: Number(size[1]),
      height: Number(size[2]),
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const out = resolve(values.out ?? `${basename(image, extname(image))}-${params.template}-${params.width}x${params.height}.mp4`);
  return { image, params, host: values.host as HostMode, out, json: values.json };
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const { image, params, host, out, json } = options;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(image));
  } catch (e) {
    throw new UsageError(`Cannot read ${image}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  buildIfStale(root, log);

  const started = performance.now();
  const server = await startServer({ root });
  const browser = await launchChromium();
  try {
    const session = await openHarness(browser, server.url, host, seedFor(params));
    await selectImage(session, basename(image), bytes);
    let shown = -1;
    const outcome = await renderAndDownload(session, (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent !== shown && process.stderr.isTTY) process.stderr.write(`\rRendering ${percent}% (${done}/${total} frames)`);
      shown = percent;
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (session.pluginRequests.length > 0) throw new Error(`The plugin made network requests: ${session.pluginRequests.join(', ')}`);
    await writeFile(out, outcome.bytes);
    const { stats } = outcome;
    const result = {
      out,
      width: stats.width,
      height: stats.height,
      frames: stats.frames,
      fps: stats.fps,
      template: stats.template,
      host,
      encoder: stats.encoder,
      bytes: stats.bytes,
      ms: { ...stats.ms, wall: Math.round(performance.now() - started) },
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`Wrote ${out}`);
      console.log(`  ${stats.width}×${stats.height}, ${stats.frames} frames at ${stats.fps} fps, ${(stats.bytes / 1048576).toFixed(2)} MB`);
      console.log(`  ${stats.template} · ${host} host · ${stats.encoder} · ${(stats.ms.total / 1000).toFixed(1)} s in the plugin`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`animate: ${message.split('\n')[0]}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
