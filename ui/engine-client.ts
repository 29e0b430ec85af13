// Starts the engine worker from the inlined bundle (a blob: URL, the only kind
// a data: document can start) and hands it ffmpeg.wasm and the ONNX models
// (with onnxruntime's wasm) once those are unpacked.
// Cancelling a job terminates the worker, which frees all of its memory at once;
// a fresh one takes over with the same image.
import * as Comlink from 'comlink';
import type { EngineApi } from '../engine/api';
import { assetNames, readAsset, readTextAsset } from './assets';

declare const __WORKER_SOURCE__: string;

export interface FfmpegAssets {
  script: string;
  wasm: WebAssembly.Module;
}

/** Unpacks and compiles ffmpeg.wasm once, in the background; every worker reuses the compiled module. */
let ffmpegAssets: Promise<FfmpegAssets> | null = null;
function loadFfmpegAssets(): Promise<FfmpegAssets> {
  ffmpegAssets ??= (async () => {
    const [script, wasmBytes] = await Promise.all([readTextAsset('ffmpeg-core.js'), readAsset('ffmpeg-core.wasm')]);
    return { script, wasm: await WebAssembly.compile(wasmBytes as Uint8Array<ArrayBuffer>) };
  })();
  return ffmpegAssets;
}

/** build.mjs inlines each model as `model:<id>`. */
const MODEL_PREFIX = 'model:';

interface ModelAssets {
  ortWasm: Uint8Array;
  models: Record<string, Uint8Array>;
}

/** Unpacks onnxruntime's wasm and every inlined model once; each worker gets copies. */
let modelAssets: Promise<ModelAssets> | null = null;
function loadModelAssets(): Promise<ModelAssets> {
  modelAssets ??= (async () => {
    const names = await assetNames(MODEL_PREFIX);
    const [ortWasm, ...bytes] = await Promise.all([readAsset('ort-wasm-simd-threaded.wasm'), ...names.map(readAsset)]);
    return { ortWasm: ortWasm!, models: Object.fromEntries(names.map((name, i) => [name.slice(MODEL_PREFIX.length), bytes[i]!])) };
  })();
  return modelAssets;
}

export interface EngineHandle {
  api: Comlink.Remote<EngineApi>;
  /** Hands this worker ffmpeg.wasm (once); resolves when it holds it. */
  ffmpeg(): Promise<void>;
  /** Hands this worker onnxruntime and the models (once); resolves when it holds them. */
  models(): Promise<void>;
  terminate(): void;
  /** Calls back once if the worker fails outside any call (an uncaught error, or a message it could not read). */
  onCrash(listener: (reason: string) => void): void;
}

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));

export function startEngine(): EngineHandle {
  const worker = new Worker(workerUrl, { name: 'stillmotion-engine' });
  const api = Comlink.wrap<EngineApi>(worker);
  let ffmpeg: Promise<void> | null = null;
  let models: Promise<void> | null = null;
  return {
    api,
    ffmpeg() {
      ffmpeg ??= loadFfmpegAssets().then(({ script, wasm }) => api.useFfmpeg(script, wasm));
      return ffmpeg;
    },
    models() {
      models ??= loadModelAssets().then(({ ortWasm, models }) => {
        // Copies, transferred rather than cloned: the originals stay here for the next worker.
        const wasm = ortWasm.slice();
        const copies = Object.fromEntries(Object.entries(models).map(([id, bytes]) => [id, bytes.slice()]));
        const buffers = Object.values(copies).map((bytes) => bytes.buffer);
        return api.useModels(Comlink.transfer(wasm, [wasm.buffer]), Comlink.transfer(copies, buffers));
      });
      return models;
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
    onCrash(listener) {
      let told = false;
      const tell = (reason: string) => {
        if (!told) listener(reason);
        told = true;
      };
      worker.addEventListener('error', (event) => {
        // Handled here: the UI says what happened and restarts the worker.
        event.preventDefault();
        tell(event.message || 'an error in the engine');
      });
      worker.addEventListener('messageerror', () => tell('a message the engine could not read'));
    },
  };
}
