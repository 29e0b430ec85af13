// Starts the engine worker from the inlined bundle (a blob: URL, the only kind
// a data: document can start) and hands it ffmpeg.wasm once that is unpacked.
// Cancelling a job terminates the worker, which frees all of its memory at once;
// a fresh one takes over with the same image.
import * as Comlink from 'comlink';
import type { EngineApi } from '../engine/api';
import { readAsset, readTextAsset } from './assets';

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

export interface EngineHandle {
  api: Comlink.Remote<EngineApi>;
  /** Hands this worker ffmpeg.wasm (once); resolves when it holds it. */
  ffmpeg(): Promise<void>;
  terminate(): void;
}

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));

export function startEngine(): EngineHandle {
  const worker = new Worker(workerUrl, { name: 'stillmotion-engine' });
  const api = Comlink.wrap<EngineApi>(worker);
  let ffmpeg: Promise<void> | null = null;
  return {
    api,
    ffmpeg() {
      ffmpeg ??= loadFfmpegAssets().then(({ script, wasm }) => api.useFfmpeg(script, wasm));
      return ffmpeg;
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
