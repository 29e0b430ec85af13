// Builds the plugin: plugin/ → dist/code.js (Figma's sandbox), and ui/ + the
// engine worker + every binary asset → one self-contained dist/ui.html. Binary
// assets are gzip-compressed and base64-encoded into <script> data blocks that
// the UI unpacks with DecompressionStream after it is already interactive.
// Also bundles the development harness (host/harness.ts → dist/harness.js).
//   node build.mjs            build once
//   node build.mjs --watch    rebuild when sources change
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const cacheDir = join(root, 'node_modules', '.cache', 'stillmotion');
const require = (await import('node:module')).createRequire(import.meta.url);

/** Binary assets inlined into ui.html, by the name the UI asks for. */
const ASSETS = [
  // The UMD build: a classic script a blob: worker can importScripts (the ESM one needs import.meta.url).
  { name: 'ffmpeg-core.js', file: require.resolve('@ffmpeg/core') },
  { name: 'ffmpeg-core.wasm', file: require.resolve('@ffmpeg/core/wasm') },
];

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
function packAsset(file) {
  const bytes = readFileSync(file);
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

  const blocks = ASSETS.map(({ name, file }) => {
    const { raw, text } = packAsset(file);
    sizes.push([`  asset ${name} (raw ${(raw / 1048576).toFixed(1)} MB, gzip+base64)`, text.length]);
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
  await build();
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
