// The job runner: decode once, then plan → render → encode for each clip.
// Host-agnostic: it knows canvases and encoders, nothing of Figma or the UI.
import type { OnnxModels } from './analysis/onnx-models';
import { analyseBitmap, type AnalysisJob } from './analysis-job';
import type { AnalysisSummary, ImagePoint, LoadedImage, RenderProgress, RenderResult, ThumbnailCanvas, WorkerCapabilities } from './api';
import { decodeImage, type DecodedImage } from './decode';
import { FfmpegEncoder, type FfmpegCoreAssets } from './encode/ffmpeg';
import type { FrameSource, VideoEncoderBackend } from './encode/types';
import { webCodecsSupports, WebCodecsEncoder } from './encode/webcodecs';
import { createFrameRenderer, type Picture } from './frame-renderer';
import { NO_PICTURE_INFO, planClip } from './motion/plan';
import type { PictureInfo } from './motion/types';
import type { RenderParams } from './params';
import { pictureInfo } from './picture-info';
import { Preview } from './preview';
import { prepareScene } from './scene/background';
import type { SceneLayers } from './scene/types';
import { Thumbnails } from './thumbnails';

/** Images are held at most this large on their longest side: 8K covers every 4K camera move. */
const MAX_IMAGE_SIDE = 8192;
/** Without WebGL2 the CPU renderer draws; its time grows with the image, so it holds less. */
const CPU_MAX_IMAGE_SIDE = 4096;

export async function probeWorker(): Promise<WorkerCapabilities> {
  const offscreenCanvas = typeof OffscreenCanvas !== 'undefined';
  let webgl2 = false;
  let maxTextureSize = 0;
  if (offscreenCanvas) {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl) {
      webgl2 = true;
      maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  }
  return {
    secureContext: globalThis.isSecureContext === true,
    offscreenCanvas,
    webgl2,
    maxTextureSize,
    webCodecs: typeof VideoEncoder !== 'undefined',
    webCodecsH264: await webCodecsSupports(1920, 1080, 30),
  };
}

export class Engine {
  private image: DecodedImage | null = null;
  private decodeMs = 0;
  private ffmpeg: FfmpegEncoder | null = null;
  private models: OnnxModels | null = null;
  /** The current image's analysis: faces and masks live here, and only while the image does. */
  private analysis: Promise<AnalysisJob> | null = null;
  /** What the analysis means for planning and rendering; null until it is done (or when it failed). */
  private scene: { info: PictureInfo; layers: SceneLayers; ms: number } | null = null;
  private preview: Preview | null = null;
  private readonly thumbnails = new Thumbnails();
  /** The GPU's texture limit, probed on first use: it bounds the decoded image. */
  private maxTextureSize: number | null = null;

  useFfmpeg(assets: FfmpegCoreAssets): void {
    this.ffmpeg = new FfmpegEncoder(assets);
  }

  useModels(models: OnnxModels): void {
    void this.models?.dispose();
    this.models = models;
  }

  async loadImage(bytes: Uint8Array): Promise<LoadedImage> {
    const started = performance.now();
    this.release();
    this.maxTextureSize ??= (await probeWorker()).maxTextureSize;
    this.image = await decodeImage(bytes, this.maxTextureSize ? Math.min(MAX_IMAGE_SIDE, this.maxTextureSize) : CPU_MAX_IMAGE_SIDE);
    this.decodeMs = performance.now() - started;
    this.showPicture();
    const { width, height, originalSize } = this.image;
    return { width, height, ms: this.decodeMs, ...(originalSize ? { originalSize } : {}) };
  }

  analyse(): Promise<AnalysisSummary> {
    const image = this.image;
    if (!image) return Promise.reject(new Error('No image is loaded.'));
    if (!this.models) return Promise.reject(new Error('The analysis models are not loaded.'));
    if (!this.analysis) {
      const job = analyseBitmap(image.bitmap, this.models);
      this.analysis = job;
      // Runs before any render waiting on the same analysis: its callbacks come later.
      job.then((done) => this.useAnalysis(job, image, done)).catch(() => {});
    }
    return this.analysis.then((job) => job.summary);
  }

  attachPreview(canvas: OffscreenCanvas): void {
    this.preview?.dispose();
    this.preview = new Preview(canvas);
    this.preview.setPicture(this.picture());
  }

  setPreview(params: RenderParams | null): void {
    this.preview?.show(params);
    this.thumbnails.show(params);
  }

  attachThumbnails(canvases: readonly ThumbnailCanvas[]): void {
    this.thumbnails.attach(canvases);
  }

  previewPointToImage(u: number, v: number): ImagePoint | null {
    return this.preview?.pointToImage(u, v) ?? null;
  }

  async render(params: RenderParams, onProgress: (p: RenderProgress) => void): Promise<RenderResult> {
    const image = this.image;
    if (!image) throw new Error('No image is loaded.');
    // A failed analysis was reported when it ran; the clip is still made without it.
    const analysed = this.analysis ? await this.analysis.catch(() => null) : null;
    const analyseMs = (analysed?.summary.ms.total ?? 0) + (this.scene?.ms ?? 0);
    if (this.image !== image) throw new Error('The image changed before the render began.');
    const started = performance.now();
    const encoder = await this.pickEncoder(params);
    const plan = planClip(params, image, this.scene?.info ?? NO_PICTURE_INFO);
    const canvas = new OffscreenCanvas(params.width, params.height);
    const renderer = createFrameRenderer(canvas);
    let renderMs = 0;
    const timed = (work: () => void) => {
      const t = performance.now();
      work();
      renderMs += performance.now() - t;
    };
    const source: FrameSource = {
      width: params.width,
      height: params.height,
      fps: params.fps,
      frames: plan.frames,
      canvas,
      draw: (i) => timed(() => renderer.draw(plan.frameAt(i))),
      readRGBA: (i, dst) =>
        timed(() => {
          renderer.draw(plan.frameAt(i), true);
          renderer.read(dst);
        }),
    };
    this.preview?.show(null);
    try {
      timed(() => renderer.setScene(image.bitmap, this.scene?.layers ?? null, plan.minSourcePerOutput()));
      const clip = await encoder.encode(source, { onProgress: (done) => onProgress({ done, total: plan.frames }) });
      const total = performance.now() - started;
      return {
        bytes: clip.bytes,
        mimeType: clip.mimeType,
        width: params.width,
        height: params.height,
        frames: plan.frames,
        fps: params.fps,
        template: params.template,
        encoder: encoder.id,
        encoderLabel: encoder.label,
        codec: clip.codec,
        ms: { decode: this.decodeMs, analyse: analyseMs, render: renderMs, encode: total - renderMs, total: total + this.decodeMs + analyseMs },
      };
    } finally {
      renderer.dispose();
      this.preview?.show(params);
    }
  }

  release(): void {
    const image = this.image;
    this.image = null;
    this.analysis = null;
    this.scene = null;
    // Stops the preview loop and blanks the preview and the thumbnails before the bitmap goes.
    this.showPicture();
    image?.bitmap.close();
  }

  /** Turns a finished analysis into the scene, unless its image has gone meanwhile. */
  private useAnalysis(job: Promise<AnalysisJob>, image: DecodedImage, done: AnalysisJob): void {
    if (this.analysis !== job || this.image !== image) return;
    const started = performance.now();
    const layers = prepareScene(done.pixels, done.analysis);
    this.scene = { info: pictureInfo(done.analysis, image), layers, ms: performance.now() - started };
    this.showPicture();
  }

  /** What the preview and the thumbnails draw. */
  private picture(): Picture | null {
    if (!this.image) return null;
    return { bitmap: this.image.bitmap, info: this.scene?.info ?? NO_PICTURE_INFO, layers: this.scene?.layers ?? null };
  }

  private showPicture(): void {
    const picture = this.picture();
    this.preview?.setPicture(picture);
    this.thumbnails.setPicture(picture);
  }

  private async pickEncoder(params: RenderParams): Promise<VideoEncoderBackend> {
    const choice = params.encoder;
    const webCodecs = choice !== 'ffmpeg' && (await webCodecsSupports(params.width, params.height, params.fps));
    if (choice === 'webcodecs' && !webCodecs) {
      throw new Error(`WebCodecs cannot encode ${params.width}×${params.height} H.264 in this host.`);
    }
    if (webCodecs) return new WebCodecsEncoder();
    if (!this.ffmpeg) throw new Error('The ffmpeg.wasm encoder is not loaded yet.');
    return this.ffmpeg;
  }
}
