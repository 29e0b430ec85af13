// Builds the plugin: plugin/ → dist/code.js (Figma's sandbox), and ui/ + the
// engine worker + every binary asset → one self-contained dist/ui.html. Binary
// assets are gzip-compressed and base64-encoded into <script> data blocks that
// the UI unpacks with DecompressionStream after it is already interactive.
// The ONNX models are converted here from the installed MediaPipe packages and
// inlined the same way, with onnxruntime-web's CPU wasm. Also bundles the
// development harness (host/harness.ts → dist/harness.js).
//   node build.mjs            build once
//   node build.mjs --watch    rebuild when sources change
//   node build.mjs --out-dir DIR    build into DIR instead of dist/
//   STILLMOTION_DEPTH_MODEL=FILE.onnx node build.mjs    also inline a depth model of your own
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, watch } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const root = dirname(fileURLToPath(import.meta.url));
const outDirFlag = process.argv.indexOf('--out-dir');
const dist = outDirFlag > 0 && process.argv[outDirFlag + 1] ? resolve(process.argv[outDirFlag + 1]) : join(root, 'dist');
const cacheDir = join(root, 'node_modules', '.cache', 'stillmotion');
const require = (await import('node:module')).createRequire(import.meta.url);

/** Binary assets inlined into ui.html, by the name the UI asks for. */
const ASSETS = [
  // The UMD build: a classic script a blob: worker can importScripts (the ESM one needs import.meta.url).
  { name: 'ffmpeg-core.js', file: require.resolve('@ffmpeg/core') },
  { name: 'ffmpeg-core.wasm', file: require.resolve('@ffmpeg/core/wasm') },
  // The CPU-only runtime; the WebGPU-capable (JSEP) one is twice the size and Figma's frame has no WebGPU.
  { name: 'ort-wasm-simd-threaded.wasm', file: require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm') },
];

/** The data-asset name of a model; ui/engine-client.ts finds them by this prefix. */
const modelAsset = (id) => `model:${id}`;

/** The models this build ships: converted from the installed packages, plus the user's depth model if one is given. */
async function modelAssets() {
  const { buildModels } = await tsImport('./models/build-models.ts', import.meta.url);
  const models = buildModels().map((m) => ({ name: modelAsset(m.id), bytes: m.onnx }));
  const depthFile = process.env.STILLMOTION_DEPTH_MODEL;
  if (depthFile) models.push({ name: modelAsset('depth'), bytes: await readDepthModel(depthFile) });
  return models;
}

/** Loads the user's depth model in onnxruntime, so a file that would fail in the plugin fails the build instead. */
async function readDepthModel(file) {
  const fail = (why) => {
    throw new Error(`STILLMOTION_DEPTH_MODEL=${file}: ${why}`);
  };
  if (!existsSync(file)) fail('no such file.');
  const bytes = new Uint8Array(readFileSync(file));
  const { OnnxModels } = await tsImport('./engine/analysis/onnx-models.ts', import.meta.url);
  const { nodeOrt } = await tsImport('./engine/analysis/ort-node.ts', import.meta.url);
  const { depthInputSpec } = await tsImport('./engine/analysis/depth-model.ts', import.meta.url);
  const models = new OnnxModels(nodeOrt(), { depth: bytes });
  try {
    const { shape } = await models.inputInfo('depth');
    depthInputSpec(shape);
  } catch (e) {
    fail(`not an ONNX depth model onnxruntime can run (${e instanceof Error ? e.message : e}).`);
  } finally {
    await models.dispose();
  }
  return bytes;
}

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  charset: 'utf8',
};

async function bundle(entry, options = {}) {
  const result = await esbuild.build({ ...common, entryPoints: [join(root, entry)], format: 'iife', ...options });
  return result.outputFiles[0].text;
}

/** gzip + base64, cached by content hash: compressing the 31 MB wasm takes seconds. */
function packAsset(bytes) {
  const key = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  const cached = join(cacheDir, `${key}.b64`);
  if (existsSync(cached)) return { raw: bytes.length, text: readFileSync(cached, 'utf8') };
  const text = gzipSync(bytes, { level: 9 }).toString('base64');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, text);
  return { raw: bytes.length, text };
}

/** Inline <script> text must not close its own element. */
const inlineScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1');

const kb = (n) => `${(n / 1024).toFixed(1).padStart(9)} KB`;

export async function build() {
  const started = Date.now();
  mkdirSync(dist, { recursive: true });
  const sizes = [];

  const code = await bundle('plugin/main.ts', { target: 'es2019' });
  writeFileSync(join(dist, 'code.js'), code);
  sizes.push(['dist/code.js (sandbox)', code.length]);

  const worker = await bundle('engine/worker.ts', { target: 'es2022' });
  const ui = await bundle('ui/main.tsx', {
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { __WORKER_SOURCE__: JSON.stringify(worker) },
  });
  const css = readFileSync(join(root, 'ui', 'styles.css'), 'utf8');
  sizes.push(['  engine worker (inlined in UI script)', worker.length], ['  UI script (with worker)', ui.length], ['  styles', css.length]);

  const assets = [...ASSETS.map(({ name, file }) => ({ name, bytes: readFileSync(file) })), ...(await modelAssets())];
  const blocks = assets.map(({ name, bytes }) => {
    const { raw, text } = packAsset(bytes);
    sizes.push([`  asset ${name} (raw ${(raw / 1048576).toFixed(2)} MB, gzip+base64)`, text.length]);
    return `<script type="application/octet-stream" data-asset="${name}">${text}</script>`;
  });

  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Stillmotion</title>',
    `<style>${css}</style>`,
    '</head><body><div id="app"></div>',
    `<script>${inlineScript(ui)}</script>`,
    ...blocks,
    '</body></html>',
  ].join('\n');
  writeFileSync(join(dist, 'ui.html'), html);
  sizes.push(['dist/ui.html (total)', Buffer.byteLength(html)]);

  const harness = await bundle('host/harness.ts', { target: 'es2022' });
  writeFileSync(join(dist, 'harness.js'), harness);
  sizes.push(['dist/harness.js (development host)', harness.length]);

  for (const [label, n] of sizes) console.log(`${kb(n)}  ${label}`);
  console.log(`built in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await build();
  } catch (e) {
    console.error(`build failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  if (process.argv.includes('--watch')) {
    let timer = null;
    const rebuild = () => {
      clearTimeout(timer);
      timer = setTimeout(() => build().catch((e) => console.error(e.message)), 100);
    };
    for (const dir of ['plugin', 'ui', 'engine', 'host', 'models']) watch(join(root, dir), { recursive: true }, rebuild);
    console.log('watching plugin/, ui/, engine/, host/, models/ …');
  }
}
