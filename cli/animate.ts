// npm run animate -- <image> [--template ID] [--intensity 0..1] [--focus X,Y] [--easing E] [--loop L]
//                            [--duration S] [--fps N] [--aspect A] [--size WxH|LONG] [--preset P]
//                            [--format F] [--codec C] [--quality Q] [--encoder E] [--workers N]
//                            [--gif-colours N] [--gif-dither D] [--gif-once]
//                            [--host figma|secure] [--out FILE] [--json]
// npm run animate -- --list-templates [--json]
// Renders an image to a clip with the built plugin, in headless Chromium, in
// the Figma-faithful host unless --host secure is given.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chooseEncoder } from '../engine/encode/choose';
import { TEMPLATES } from '../engine/motion/templates';
import {
  applySocialPreset,
  ASPECTS,
  DEFAULT_GIF,
  DEFAULT_PARAMS,
  EASINGS,
  ENCODER_CHOICES,
  FORMATS,
  GIF_DITHERS,
  LIMITS,
  LOOP_MODES,
  parseParams,
  QUALITIES,
  SOCIAL_PRESETS,
  sizeForAspect,
  TEMPLATE_IDS,
  VIDEO_CODECS,
  type Aspect,
  type RenderParams,
} from '../engine/params';
import type { HostMode } from '../host/harness-api';
import { startServer } from '../host/server';
import { buildIfStale } from './build-if-stale';
import { launchChromium } from './chromium';
import { openHarness, renderAndDownload, seedFor, selectImage } from './drive';
import { decodeImageFile } from './image-file';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = [
  'usage: npm run animate -- <image> [--template ID] [--intensity 0..1] [--focus X,Y|auto] [--easing E] [--loop none|boomerang|seamless]',
  '                                  [--duration S] [--fps N] [--aspect source|1:1|4:5|9:16|16:9] [--size WxH|LONG_SIDE]',
  '                                  [--preset vertical|portrait|square|landscape]',
  '                                  [--format mp4|webm|gif] [--codec h264|vp9|av1] [--quality standard|high]',
  '                                  [--encoder auto|webcodecs|ffmpeg] [--workers N]',
  '                                  [--gif-colours 16..256] [--gif-dither ordered|diffusion|none] [--gif-once]',
  '                                  [--host figma|secure] [--out FILE] [--json]',
  '       npm run animate -- --list-templates [--json]',
].join('\n');
/** The long side when --aspect comes without --size: the default size's. */
const DEFAULT_LONG_SIDE = Math.max(DEFAULT_PARAMS.width, DEFAULT_PARAMS.height);
/** The aspect a bare long side (--size 1920) takes without --aspect: the default size's. */
const DEFAULT_ASPECT: Aspect = '16:9';

class UsageError extends Error {}

/** Exact sides (--size WxH), or an aspect preset and a long side that become sides once the image's size is known. */
type SizeRequest = { width: number; height: number } | { aspect: Aspect; longSide: number };

function oneOf<T extends string>(flag: string, choices: readonly T[], value: string): T {
  const found = choices.find((c) => c === value);
  if (!found) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, not "${value}".`);
  return found;
}

function fraction(flag: string, text: string, what: string): number {
  const n = /^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--${flag} must be ${what}, not "${text}".`);
  return n;
}

function parseFocus(text: string): RenderParams['focus'] {
  if (text === 'auto') return null;
  const what = 'x,y with both from 0 to 1 (fractions of the image\'s width and height), or auto';
  const parts = text.split(',');
  if (parts.length !== 2) throw new UsageError(`--focus must be ${what}, not "${text}".`);
  return { x: fraction('focus', parts[0]!, what), y: fraction('focus', parts[1]!, what) };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  return n;
}

function parseSize(size: string | undefined, aspect: string | undefined): SizeRequest {
  const preset = aspect === undefined ? undefined : oneOf('aspect', ASPECTS, aspect);
  if (size === undefined) return preset ? { aspect: preset, longSide: DEFAULT_LONG_SIDE } : { width: DEFAULT_PARAMS.width, height: DEFAULT_PARAMS.height };
  const sides = /^(\d+)x(\d+)$/.exec(size);
  if (sides) {
    if (preset) throw new UsageError(`--size ${size} sets both sides; with --aspect give the long side alone, e.g. --size ${Math.max(Number(sides[1]), Number(sides[2]))}.`);
    return { width: Number(sides[1]), height: Number(sides[2]) };
  }
  if (/^\d+$/.test(size)) {
    const longSide = Number(size);
    if (longSide < LIMITS.minSide || longSide > LIMITS.maxSide) throw new UsageError(`--size ${size}: the long side must be from ${LIMITS.minSide} to ${LIMITS.maxSide}.`);
    return { aspect: preset ?? DEFAULT_ASPECT, longSide };
  }
  throw new UsageError(`--size must look like 1280x720 or 1280 (the long side), not "${size}".`);
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      template: { type: 'string', default: DEFAULT_PARAMS.template },
      intensity: { type: 'string', default: String(DEFAULT_PARAMS.intensity) },
      focus: { type: 'string', default: 'auto' },
      easing: { type: 'string', default: DEFAULT_PARAMS.easing },
      loop: { type: 'string', default: DEFAULT_PARAMS.loop },
      duration: { type: 'string', default: String(DEFAULT_PARAMS.duration) },
      fps: { type: 'string', default: String(DEFAULT_PARAMS.fps) },
      aspect: { type: 'string' },
      size: { type: 'string' },
      preset: { type: 'string' },
      format: { type: 'string' },
      codec: { type: 'string' },
      quality: { type: 'string', default: DEFAULT_PARAMS.quality },
      encoder: { type: 'string', default: DEFAULT_PARAMS.encoder },
      workers: { type: 'string' },
      'gif-colours': { type: 'string', default: String(DEFAULT_GIF.colours) },
      'gif-dither': { type: 'string', default: DEFAULT_GIF.dither },
      'gif-once': { type: 'boolean', default: false },
      host: { type: 'string', default: 'figma' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      'list-templates': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { command: 'help' } as const;
  if (values['list-templates']) return { command: 'list', json: values.json } as const;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const image = resolve(positionals[0]!);
  if (!(TEMPLATE_IDS as readonly string[]).includes(values.template)) {
    throw new UsageError(`Unknown template "${values.template}" (choose from: ${TEMPLATE_IDS.join(', ')}).`);
  }
  if (values.host !== 'figma' && values.host !== 'secure') throw new UsageError(`--host must be figma or secure, not "${values.host}".`);
  const settings = {
    template: values.template,
    intensity: fraction('intensity', values.intensity, 'a number from 0 to 1'),
    focus: parseFocus(values.focus),
    easing: oneOf('easing', EASINGS, values.easing),
    loop: oneOf('loop', LOOP_MODES, values.loop),
    duration: Number(values.duration),
    fps: Number(values.fps),
    ...parseOutput(values),
  };
  const preset = values.preset === undefined ? null : oneOf('preset', SOCIAL_PRESETS, values.preset);
  if (preset && (values.size !== undefined || values.aspect !== undefined)) throw new UsageError(`--preset ${preset} sets the size; leave out --size and --aspect.`);
  if (preset && (values.format !== undefined || values.codec !== undefined)) throw new UsageError(`--preset ${preset} makes an H.264 MP4; leave out --format and --codec.`);
  return { command: 'animate', image, settings, preset, size: parseSize(values.size, values.aspect), host: values.host as HostMode, out: values.out, json: values.json } as const;
}

/** Format, codec, quality, encoder, workers and the GIF palette. A WebM without --codec is VP9 (WebM holds no H.264). */
function parseOutput(values: Record<string, string | boolean | undefined>) {
  const format = values.format === undefined ? DEFAULT_PARAMS.format : oneOf('format', FORMATS, values.format as string);
  const codec = values.codec === undefined ? (format === 'webm' ? 'vp9' : DEFAULT_PARAMS.codec) : oneOf('codec', VIDEO_CODECS, values.codec as string);
  if (format === 'gif' && values.codec !== undefined) throw new UsageError('--codec is for mp4 and webm; a GIF has its own.');
  return {
    format,
    codec,
    quality: oneOf('quality', QUALITIES, values.quality as string),
    encoder: oneOf('encoder', ENCODER_CHOICES, values.encoder as string),
    workers: values.workers === undefined ? null : integer('workers', values.workers as string, 1, LIMITS.maxWorkers),
    gif: {
      colours: integer('gif-colours', values['gif-colours'] as string, LIMITS.gifMinColours, LIMITS.gifMaxColours),
      dither: oneOf('gif-dither', GIF_DITHERS, values['gif-dither'] as string),
      loop: values['gif-once'] !== true,
    },
  };
}

function listTemplates(json: boolean): void {
  const templates = TEMPLATES.map(({ id, name, description, needs }) => ({ id, name, description, needs: [...needs] }));
  if (json) {
    console.log(JSON.stringify(templates));
    return;
  }
  const width = Math.max(...templates.map((t) => t.id.length));
  for (const t of templates) {
    const needs = t.needs.length ? ` (best with: ${t.needs.join(', ')})` : '';
    console.log(`${t.id.padEnd(width)}  ${t.name}: ${t.description}${needs}`);
  }
}

/** Width and height: `source` reads the image's own size, decoded here as the plugin will see it. */
function resolveSize(request: SizeRequest, image: string, bytes: Uint8Array): { width: number; height: number } {
  if (!('aspect' in request)) return request;
  // The fixed presets do not depend on the image.
  if (request.aspect !== 'source') return sizeForAspect(request.aspect, request.longSide, { width: 1, height: 1 });
  try {
    return sizeForAspect('source', request.longSide, decodeImageFile(bytes));
  } catch (e) {
    throw new UsageError(`Cannot read the size of ${basename(image)} for --aspect source: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  if (options.command === 'help') {
    console.log(USAGE);
    return;
  }
  if (options.command === 'list') {
    listTemplates(options.json);
    return;
  }
  const { image, host, json } = options;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(image));
  } catch (e) {
    throw new UsageError(`Cannot read ${image}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let params: RenderParams;
  try {
    const sized = { ...options.settings, ...resolveSize(options.size, image, bytes) };
    // A preset is a size and an MP4 at 30 fps; the other settings stay as given.
    params = parseParams(options.preset ? applySocialPreset(parseParams(sized), options.preset) : sized);
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
  // The Figma-faithful host never has WebCodecs: say so before starting a browser.
  const choice = host === 'figma' ? chooseEncoder(params, { secureContext: false, webCodecs: false, codecs: { h264: false, vp9: false, av1: false } }) : null;
  if (choice && !choice.ok) throw new UsageError(`${choice.error.replace(/\.$/, '')} (try --host secure).`);
  const out = resolve(options.out ?? `${basename(image, extname(image))}-${params.template}-${params.width}x${params.height}.${params.format}`);
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
      format: params.format,
      codec: params.format === 'gif' ? 'gif' : params.codec,
      encoder: stats.encoder,
      bytes: stats.bytes,
      ms: { ...stats.ms, wall: Math.round(performance.now() - started) },
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(`Wrote ${out}`);
      console.log(`  ${stats.width}×${stats.height}, ${stats.frames} frames at ${stats.fps} fps, ${(stats.bytes / 1048576).toFixed(2)} MB`);
      console.log(`  ${stats.template} · ${result.format}/${result.codec} · ${host} host · ${stats.encoder} · ${(stats.ms.total / 1000).toFixed(1)} s in the plugin`);
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
