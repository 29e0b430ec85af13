// npm run analyse -- <image> --out-dir DIR [--depth-model FILE.onnx] [--json]
// Runs the plugin's analysis stage in Node (the same engine code and models the
// worker runs) and writes DIR/mask.png, DIR/depth.png and DIR/analysis.json.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseImage } from '../engine/analysis/analyse';
import { DEPTH_MODEL_ID } from '../engine/analysis/depth-model';
import { OnnxModels } from '../engine/analysis/onnx-models';
import { nodeOrt } from '../engine/analysis/ort-node';
import { buildModels } from '../models/build-models';
import { decodeImageFile, encodeGrayPng, ImageFileError } from './image-file';
import { analysisReport } from './analysis-report';

const USAGE = 'usage: npm run analyse -- <image> --out-dir DIR [--depth-model FILE.onnx] [--json]';

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string' },
      'depth-model': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 1 || !values['out-dir']) throw new UsageError(USAGE);
  return {
    image: resolve(positionals[0]!),
    outDir: resolve(values['out-dir']),
    depthModel: values['depth-model'] === undefined ? null : resolve(values['depth-model']),
    json: values.json,
  };
}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`Cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const bytes = await readInput(options.image, 'the image');
  const modelBytes: Record<string, Uint8Array> = Object.fromEntries(buildModels().map((m) => [m.id, m.onnx]));
  if (options.depthModel) modelBytes[DEPTH_MODEL_ID] = await readInput(options.depthModel, 'the depth model');

  const decodeStarted = performance.now();
  let image;
  try {
    image = decodeImageFile(bytes);
  } catch (e) {
    if (e instanceof ImageFileError) throw new UsageError(`${options.image}: ${e.message}`);
    throw e;
  }
  const decodeMs = performance.now() - decodeStarted;

  const models = new OnnxModels(nodeOrt(), modelBytes);
  try {
    const analysis = await analyseImage(image, models);
    const report = analysisReport(analysis, models.timings(), decodeMs);
    await mkdir(options.outDir, { recursive: true });
    await writeFile(join(options.outDir, 'mask.png'), encodeGrayPng(analysis.mask));
    await writeFile(join(options.outDir, 'depth.png'), encodeGrayPng(analysis.depth));
    await writeFile(join(options.outDir, 'analysis.json'), `${JSON.stringify(report, null, 2)}\n`);
    const wall = Math.round(performance.now() - started);
    if (options.json) console.log(JSON.stringify({ outDir: options.outDir, ...report, wallMs: wall }));
    else {
      console.log(`Wrote mask.png, depth.png and analysis.json to ${options.outDir}`);
      console.log(`  ${image.width}×${image.height} · subject: ${report.subject} · ${report.faces.length} face(s) · focus ${report.focus.x}, ${report.focus.y} (${report.focus.source})`);
      console.log(`  depth: ${report.depthSource === 'model' ? 'your depth model' : `${report.layers} subject layer(s) over a scene layout`} · ${report.ms.total} ms analysis`);
    }
  } finally {
    await models.dispose();
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`analyse: ${message.split('\n')[0]}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
