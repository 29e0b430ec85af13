// The job runner: decode once, then plan → render → encode for each clip.
// Host-agnostic: it knows canvases and encoders, nothing of Figma or the UI.
import type { OnnxModels } from './analysis/onnx-models';
import { analyseBitmap, type AnalysisJob } from './analysis-job';
import type { AnalysisSummary, ImagePoint, LoadedImage, RenderProgress, RenderResult, ThumbnailCanvas, WorkerCapabilities } from './api';
import { decodeImage, type DecodedImage } from './decode';
import { clipSource } from './clip-source';
import { chooseEncoder, type EncoderSupport } from './encode/choose';
import { FfmpegEncoder, type CreateFfmpegCore } from './encode/ffmpeg';
import { splitFrames, workerCount, type FrameRange } from './encode/segments';
import { keyframeInterval, type EncodedClip, type VideoEncoderBackend } from './encode/types';
import { webCodecsSupports, WebCodecsEncoder } from './encode/webcodecs';
import { createFrameRenderer, type Picture } from './frame-renderer';
import { NO_PICTURE_INFO, planClip } from './motion/plan';
import type { ClipPlan, PictureInfo } from './motion/types';
import { VIDEO_CODECS, type RenderParams, type VideoCodec } from './params';
import { pictureFacts, pictureInfoFrom, type PictureFacts } from './picture-info';
import { Preview } from './preview';
import { prepareScene } from './scene/background';
import { encodeSegments, type SpawnSegmentWorker } from './segment-pool';
import type { FfmpegBundle } from './segment-worker';
import type { SceneLayers } from './scene/types';
import { Thumbnails } from './thumbnails';

/** Images are held at most this large on their longest side: 8K covers every 4K camera move. */
const MAX_IMAGE_SIDE = 8192;
/** Without WebGL2 the CPU renderer draws; its time grows with the image, so it holds less. */
const CPU_MAX_IMAGE_SIDE = 4096;

/** Which codecs WebCodecs accepts at this size and rate. */
async function webCodecsCodecs(shape: { width: number; height: number; fps: number }): Promise<Record<VideoCodec, boolean>> {
  const supported = await Promise.all(VIDEO_CODECS.map((codec) => webCodecsSupports(shape, codec)));
  return Object.fromEntries(VIDEO_CODECS.map((codec, i) => [codec, supported[i]!])) as Record<VideoCodec, boolean>;
}

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
    webCodecsCodecs: await webCodecsCodecs({ width: 1920, height: 1080, fps: 30 }),
  };
}

export class Engine {
  private image: DecodedImage | null = null;
  private decodeMs = 0;
  private ffmpeg: FfmpegEncoder | null = null;
  /** Kept to start segment workers, each with its own ffmpeg.wasm instance. */
  private ffmpegBundle: FfmpegBundle | null = null;
  private models: OnnxModels | null = null;
  /** The current image's analysis: faces and masks live here, and only while the image does. */
  private analysis: Promise<AnalysisJob> | null = null;
  /** What the analysis means for planning and rendering; null until it is done (or when it failed). */
  private scene: { info: PictureInfo; facts: PictureFacts; layers: SceneLayers; ms: number } | null = null;
  private preview: Preview | null = null;
  private readonly thumbnails = new Thumbnails();
  /** The GPU's texture limit, probed on first use: it bounds the decoded image. */
  private maxTextureSize: number | null = null;

  /** spawnSegmentWorker: starts a segment worker (engine/segment-worker.ts); without it clips encode in one worker. */
  constructor(private readonly spawnSegmentWorker: SpawnSegmentWorker | null = null) {}

  useFfmpeg(bundle: FfmpegBundle, factory: CreateFfmpegCore): void {
    this.ffmpeg = new FfmpegEncoder({ factory, module: bundle.wasm });
    this.ffmpegBundle = bundle;
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
    const { encoder, reason } = await this.pickEncoder(params);
    const plan = planClip(params, image, this.scene?.info ?? NO_PICTURE_INFO);
    const ranges = this.segmentRanges(params, encoder, image, plan.frames);
    const progress = (done: number) => onProgress({ done, total: plan.frames });
    this.preview?.show(null);
    try {
      const { clip, renderMs } =
        ranges.length > 1 ? await this.encodeInSegments(params, image, ranges, progress) : await this.encodeWhole(encoder, params, plan, image, progress);
      const total = performance.now() - started;
      return {
        bytes: clip.bytes,
        mimeType: clip.mimeType,
        width: params.width,
        height: params.height,
        frames: plan.frames,
        fps: params.fps,
        template: params.template,
        format: params.format,
        encoder: encoder.id,
        encoderLabel: encoder.label,
        encoderReason: reason,
        codec: clip.codec,
        ms: { decode: this.decodeMs, analyse: analyseMs, render: renderMs, encode: total - renderMs, total: total + this.decodeMs + analyseMs },
      };
    } finally {
      this.preview?.show(params);
    }
  }

  private async encodeWhole(encoder: VideoEncoderBackend, params: RenderParams, plan: ClipPlan, image: DecodedImage, progress: (done: number) => void) {
    const renderer = createFrameRenderer(new OffscreenCanvas(plan.out.width, plan.out.height));
    try {
      const source = clipSource(plan, renderer);
      const t = performance.now();
      renderer.setScene(image.bitmap, this.scene?.layers ?? null, plan.minSourcePerOutput());
      const sceneMs = performance.now() - t;
      const clip: EncodedClip = await encoder.encode(source, params, { onProgress: progress });
      return { clip, renderMs: sceneMs + source.renderMs };
    } finally {
      renderer.dispose();
    }
  }

  /**
   * Segments for the wasm H.264 path (GIF needs one palette over the whole
   * clip; WebCodecs is hardware-parallel already): one range means no split.
   */
  private segmentRanges(params: RenderParams, encoder: VideoEncoderBackend, image: DecodedImage, frames: number): FrameRange[] {
    const whole = [{ start: 0, end: frames }];
    if (!this.spawnSegmentWorker || !this.ffmpegBundle || encoder.id !== 'ffmpeg' || params.format !== 'mp4' || params.codec !== 'h264') return whole;
    const host = { cores: navigator.hardwareConcurrency, memoryGiB: (navigator as { deviceMemory?: number }).deviceMemory ?? null };
    const workers = workerCount(params.workers, host, { width: params.width, height: params.height, image });
    return splitFrames(frames, workers, keyframeInterval(params.fps));
  }

  private async encodeInSegments(params: RenderParams, image: DecodedImage, ranges: FrameRange[], progress: (done: number) => void) {
    const job = { params, image: image.bitmap, facts: this.scene?.facts ?? null, layers: this.scene?.layers ?? null, ffmpeg: this.ffmpegBundle! };
    const { bytes, codec, renderMs } = await encodeSegments(this.spawnSegmentWorker!, job, ranges, progress);
    // The workers draw side by side: the mean per worker is the wall time drawing took.
    return { clip: { bytes, mimeType: 'video/mp4', codec: `${codec}; ${ranges.length} segments` }, renderMs: renderMs / ranges.length };
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
    const facts = pictureFacts(done.analysis, image);
    this.scene = { info: pictureInfoFrom(facts), facts, layers, ms: performance.now() - started };
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

  private async pickEncoder(params: RenderParams): Promise<{ encoder: VideoEncoderBackend; reason: string }> {
    // Only the clip's own codec is asked about: each question builds a trial encoder at the clip's size,
    // and at 4K asking for all three took 5 s and 450 MB (measured in the secure host).
    const codecs: Record<VideoCodec, boolean> = { h264: false, vp9: false, av1: false };
    if (params.format !== 'gif') codecs[params.codec] = await webCodecsSupports(params, params.codec);
    const support: EncoderSupport = {
      secureContext: globalThis.isSecureContext === true,
      webCodecs: typeof VideoEncoder !== 'undefined',
      codecs,
    };
    const choice = chooseEncoder(params, support);
    if (!choice.ok) throw new Error(choice.error);
    if (choice.encoder === 'webcodecs') return { encoder: new WebCodecsEncoder(), reason: choice.reason };
    if (!this.ffmpeg) throw new Error('The ffmpeg.wasm encoder is not loaded yet.');
    return { encoder: this.ffmpeg, reason: choice.reason };
  }
}
