// Runs ONNX models with onnxruntime-web's single-threaded wasm backend. Host-
// agnostic: the caller passes the ort namespace (ort-browser.ts in the worker,
// ort-node.ts under Node), so the same code runs in both.
import type * as OrtModule from 'onnxruntime-web';

export type Ort = typeof OrtModule;
type Session = OrtModule.InferenceSession;

export interface OutputTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** A model's first input as it declares itself; a dynamic dimension is a string or -1. */
export interface InputInfo {
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

/** Milliseconds spent on one model: each session creation and each run, in order. */
export interface ModelTiming {
  readonly create: number[];
  readonly run: number[];
}

export interface OrtOptions {
  /** The runtime's wasm bytes; without them ort locates and loads the file itself (fine under Node only). */
  readonly wasmBinary?: Uint8Array;
}

/**
 * Sets the wasm backend up: one thread (Figma's frame has no SharedArrayBuffer;
 * speed comes from several workers), no proxy worker (we already are one).
 * Must run before the first session: ort reads it once, when it initialises.
 */
export function configureOrt(ort: Ort, options: OrtOptions = {}): Ort {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  if (options.wasmBinary) ort.env.wasm.wasmBinary = options.wasmBinary;
  return ort;
}

const SESSION_OPTIONS: OrtModule.InferenceSession.SessionOptions = {
  executionProviders: ['wasm'],
  graphOptimizationLevel: 'all',
};

export class OnnxModels {
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly times = new Map<string, ModelTiming>();
  /** Runs one at a time: a wasm session must not be entered twice, and one thread does the work anyway. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ort: Ort,
    private readonly models: Readonly<Record<string, Uint8Array>>,
  ) {}

  has(id: string): boolean {
    return Object.hasOwn(this.models, id);
  }

  /** The model's first input, from its metadata (creates the session if needed). */
  async inputInfo(id: string): Promise<InputInfo> {
    const session = await this.session(id);
    const meta = session.inputMetadata[0];
    if (!meta?.isTensor) throw new Error(`Model ${id} has no tensor input.`);
    return { name: meta.name, shape: meta.shape };
  }

  /** Runs the model on one float32 input tensor; every output must be float32 too. */
  run(id: string, input: Float32Array, dims: readonly number[]): Promise<Record<string, OutputTensor>> {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== input.length) return Promise.reject(new Error(`Model ${id}: input has ${input.length} values, dims [${dims.join(', ')}] need ${size}.`));
    const job = this.queue.then(async () => {
      const session = await this.session(id);
      const name = session.inputNames[0]!;
      const started = performance.now();
      const results = await session.run({ [name]: new this.ort.Tensor('float32', input, dims) });
      this.timing(id).run.push(performance.now() - started);
      const outputs: Record<string, OutputTensor> = {};
      for (const [key, tensor] of Object.entries(results)) {
        if (!(tensor.data instanceof Float32Array)) throw new Error(`Model ${id}: output ${key} is ${tensor.type}, not float32.`);
        outputs[key] = { data: tensor.data, dims: tensor.dims };
      }
      return outputs;
    });
    // A failed run must not stall the ones queued after it.
    this.queue = job.catch(() => {});
    return job;
  }

  /** Copies of the timings so far, by model id. */
  timings(): Record<string, ModelTiming> {
    const copy: Record<string, ModelTiming> = {};
    for (const [id, t] of this.times) copy[id] = { create: [...t.create], run: [...t.run] };
    return copy;
  }

  /** Releases every session; a later run creates its session again. */
  async dispose(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.then((x) => x.release()).catch(() => {})));
  }

  private session(id: string): Promise<Session> {
    let session = this.sessions.get(id);
    if (!session) {
      const bytes = this.models[id];
      if (!bytes) return Promise.reject(new Error(`No model ${id} is loaded.`));
      const started = performance.now();
      session = this.ort.InferenceSession.create(bytes, SESSION_OPTIONS).then((s) => {
        this.timing(id).create.push(performance.now() - started);
        return s;
      });
      // A failed creation is not cached: the error reaches this caller, the next one tries again.
      session.catch(() => {
        if (this.sessions.get(id) === session) this.sessions.delete(id);
      });
      this.sessions.set(id, session);
    }
    return session;
  }

  private timing(id: string): ModelTiming {
    let t = this.times.get(id);
    if (!t) this.times.set(id, (t = { create: [], run: [] }));
    return t;
  }
}
