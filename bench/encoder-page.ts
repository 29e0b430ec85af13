// Bundled into a blank page by encoder-limit.ts: runs N encoder workers at
// once, each encoding its share of the frames (as segment workers would), and
// times them from the moment all are ready to the last one's finish.
import type { EncoderJob, FromEncoderWorker } from './encoder-worker';

export interface LimitRequest {
  workerSource: string;
  encoder: EncoderJob['encoder'];
  width: number;
  height: number;
  fps: number;
  frames: number;
  workers: number;
}

export interface LimitResult {
  wallMs: number;
  frames: number;
  bytes: number;
}

let ffmpeg: { coreScript: string; wasm: WebAssembly.Module } | null = null;

/** Fetches the @ffmpeg/core script and compiles ffmpeg-core.wasm once, for every ffmpeg measurement after. */
export async function useFfmpeg(scriptUrl: string, wasmUrl: string): Promise<void> {
  const [coreScript, wasm] = await Promise.all([fetch(scriptUrl).then((r) => r.text()), WebAssembly.compileStreaming(fetch(wasmUrl))]);
  ffmpeg = { coreScript, wasm };
}

function next(worker: Worker): Promise<FromEncoderWorker> {
  return new Promise((resolve) => worker.addEventListener('message', (e) => resolve(e.data as FromEncoderWorker), { once: true }));
}

function expect<T extends FromEncoderWorker['type']>(message: FromEncoderWorker, type: T): Extract<FromEncoderWorker, { type: T }> {
  if (message.type === 'error') throw new Error(message.message);
  if (message.type !== type) throw new Error(`expected ${type}, got ${message.type}`);
  return message as Extract<FromEncoderWorker, { type: T }>;
}

export async function measure(request: LimitRequest): Promise<LimitResult> {
  const url = URL.createObjectURL(new Blob([request.workerSource], { type: 'text/javascript' }));
  if (request.encoder === 'ffmpeg' && !ffmpeg) throw new Error('useFfmpeg first');
  const core = request.encoder === 'ffmpeg' ? ffmpeg! : {};
  const workers = Array.from({ length: request.workers }, () => new Worker(url));
  try {
    // Frames split as evenly as whole frames allow.
    const shares = workers.map((_, i) => Math.floor(((i + 1) * request.frames) / request.workers) - Math.floor((i * request.frames) / request.workers));
    const ready = workers.map(next);
    workers.forEach((w, i) => {
      const job: EncoderJob = { encoder: request.encoder, width: request.width, height: request.height, fps: request.fps, frames: shares[i]!, ...core };
      w.postMessage({ type: 'prepare', job });
    });
    for (const m of await Promise.all(ready)) expect(m, 'ready');
    const done = workers.map(next);
    const started = performance.now();
    for (const w of workers) w.postMessage({ type: 'go' });
    const results = (await Promise.all(done)).map((m) => expect(m, 'done'));
    return { wallMs: performance.now() - started, frames: request.frames, bytes: results.reduce((s, r) => s + r.bytes, 0) };
  } finally {
    for (const w of workers) w.terminate();
    URL.revokeObjectURL(url);
  }
}
