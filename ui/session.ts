// One editing session in the UI: the engine worker, the current image's bytes
// and the preview canvas. Cancel terminates the worker and starts a fresh one
// with the same image, so nothing of the cancelled job survives. Every worker
// gets the ONNX models as soon as it starts, unpacked in the background.
import * as Comlink from 'comlink';
import type { AnalysisSummary, ImagePoint, LoadedImage, RenderProgress, RenderResult, WorkerCapabilities } from '../engine/api';
import type { RenderParams, TemplateId } from '../engine/params';
import { startEngine, type EngineHandle } from './engine-client';

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Render cancelled.');
  }
}

/** The worker failed outside any call; the session has restarted it with the same picture. */
export class EngineCrashedError extends Error {
  override name = 'EngineCrashedError';
  constructor(reason: string) {
    super(`The engine stopped unexpectedly (${reason}). It was restarted with your picture and settings: render again.`);
  }
}

export class Session {
  /** Told when the worker crashed and was restarted, so the UI can say so even when no job was running. */
  onCrash: ((error: EngineCrashedError) => void) | null = null;
  /** Rejects every call in flight on the current worker when it is terminated: a dead worker never answers. */
  private stop!: (e: Error) => void;
  private stopped!: Promise<never>;
  private engine: EngineHandle = this.startEngine();
  private bytes: Uint8Array | null = null;
  private params: RenderParams | null = null;
  /** The image load of a restarted worker: a render waits for it. */
  private restored: Promise<unknown> = Promise.resolve();
  /** Set once the host is known to need ffmpeg.wasm: every worker then gets it as soon as it starts. */
  private wantsFfmpeg = false;

  probe(): Promise<WorkerCapabilities> {
    return this.engine.api.probe();
  }

  /** Starts unpacking and compiling ffmpeg.wasm in the background, for hosts without WebCodecs. */
  prepareFfmpeg(): void {
    this.wantsFfmpeg = true;
    // A failure here is reported when a render needs the encoder.
    this.engine.ffmpeg().catch(() => {});
  }

  /** Gives the worker a fresh canvas to draw the live preview into (after every restart). */
  async attachCanvas(canvas: HTMLCanvasElement): Promise<void> {
    const offscreen = canvas.transferControlToOffscreen();
    await this.engine.api.attachPreview(Comlink.transfer(offscreen, [offscreen]));
    await this.engine.api.setPreview(this.params);
  }

  /** Gives the worker fresh canvases for the template thumbnails (after every restart, like the preview's). */
  async attachThumbnails(canvases: { id: TemplateId; canvas: HTMLCanvasElement }[]): Promise<void> {
    const offscreen = canvases.map(({ id, canvas }) => ({ id, canvas: canvas.transferControlToOffscreen() }));
    await this.engine.api.attachThumbnails(Comlink.transfer(offscreen, offscreen.map((t) => t.canvas)));
  }

  /** The image point (0..1) under a point of the preview (0..1) in the frame on screen; null when none is shown. */
  previewPointToImage(u: number, v: number): Promise<ImagePoint | null> {
    return this.engine.api.previewPointToImage(u, v);
  }

  async setImage(bytes: Uint8Array): Promise<LoadedImage> {
    this.bytes = bytes;
    const info = await this.engine.api.loadImage(bytes);
    await this.engine.api.setPreview(this.params);
    return info;
  }

  /**
   * Loads another picture for the next render and analyses it, as a batch
   * does between clips; rejects with CancelledError when cancelled meanwhile.
   * A failed analysis is not an error: the clip is then made without it.
   */
  async switchImage(bytes: Uint8Array): Promise<void> {
    await this.guard(this.setImage(bytes));
    await this.analyse().catch((e: unknown) => {
      if (e instanceof CancelledError) throw e;
    });
  }

  /**
   * The current image's analysis, run in the worker once it holds the models.
   * Only a summary comes back: faces and masks stay in the worker.
   */
  async analyse(): Promise<AnalysisSummary> {
    const engine = this.engine;
    return this.guard(
      (async () => {
        await Promise.all([this.restored, engine.models()]);
        return engine.api.analyse();
      })(),
    );
  }

  async clearImage(): Promise<void> {
    this.bytes = null;
    await this.engine.api.release();
  }

  async preview(params: RenderParams): Promise<void> {
    this.params = params;
    await this.engine.api.setPreview(params);
  }

  /**
   * Renders a clip. Progress travels on its own MessagePort, which may deliver
   * after the answer on the worker's: none is passed on once the render has
   * settled, or a late "frame 24 of 24" would overwrite the finished state.
   */
  async render(params: RenderParams, needsFfmpeg: boolean, onProgress: (p: RenderProgress) => void): Promise<RenderResult> {
    const engine = this.engine;
    let settled = false;
    const progress = (p: RenderProgress) => {
      if (!settled) onProgress(p);
    };
    try {
      return await this.guard(
        (async () => {
          await this.restored;
          if (needsFfmpeg) await engine.ffmpeg();
          return engine.api.render(params, Comlink.proxy(progress));
        })(),
      );
    } finally {
      settled = true;
    }
  }

  /** Stops the running job at once; resolves when a fresh worker holds the image again. */
  async cancel(): Promise<void> {
    return this.restart(new CancelledError());
  }

  /** Ends the current worker, failing its calls in flight with `reason`, and starts a fresh one with the same picture. */
  private async restart(reason: Error): Promise<void> {
    this.engine.terminate();
    this.stop(reason);
    this.engine = this.startEngine();
    if (this.wantsFfmpeg) this.prepareFfmpeg();
    this.restored = this.bytes ? this.engine.api.loadImage(this.bytes) : Promise.resolve();
    // The fresh worker analyses the image again in the background, for the next render.
    if (this.bytes) this.analyse().catch(() => {});
    await this.restored;
  }

  private guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopped]);
  }

  private startEngine(): EngineHandle {
    this.stopped = new Promise<never>((_, reject) => (this.stop = reject));
    // Unobserved until a call races it.
    this.stopped.catch(() => {});
    const engine = startEngine();
    engine.onCrash((reason) => {
      if (this.engine !== engine) return;
      const error = new EngineCrashedError(reason);
      void this.restart(error).catch(() => {});
      this.onCrash?.(error);
    });
    // A failure here is reported when an analysis needs the models.
    engine.models().catch(() => {});
    return engine;
  }
}
