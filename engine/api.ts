// The worker's interface as the UI sees it through Comlink. Everything that
// crosses it is validated on the worker side (see worker.ts).
import type { DepthSource, StageTimes as AnalysisStages, SubjectKind } from './analysis/analyse';
import type { FocusSource } from './analysis/types';
import type { EncoderId } from './encode/types';
import type { Format, RenderParams, TemplateId, VideoCodec } from './params';

export interface WorkerCapabilities {
  secureContext: boolean;
  webgl2: boolean;
  maxTextureSize: number;
  /** VideoEncoder exists in the worker. */
  webCodecs: boolean;
  /** Which codecs VideoEncoder accepts at 1080p30 (the worker checks the clip's own size again when it renders). */
  webCodecsCodecs: Record<VideoCodec, boolean>;
  offscreenCanvas: boolean;
}

export interface LoadedImage {
  width: number;
  height: number;
  originalSize?: { width: number; height: number };
  ms: number;
}

export interface ModelTimes {
  createMs: number;
  runMs: number;
  runs: number;
}

/**
 * What the UI learns of an analysis. Deliberately no face boxes, keypoints,
 * masks or depth: those stay in the worker and leave it only as rendered pixels.
 */
export interface AnalysisSummary {
  /** The size the mask and depth are held at in the worker. */
  width: number;
  height: number;
  subject: SubjectKind;
  /** The subject's share of the picture, 0..1. */
  subjectShare: number;
  faceCount: number;
  /** Where the camera aims, as fractions of the width and height. */
  focus: { x: number; y: number; source: FocusSource };
  depthSource: DepthSource;
  layers: number;
  /** Per stage; `pixels` is reading the decoded image back at the analysis size. */
  ms: AnalysisStages & { pixels: number };
  models: Record<string, ModelTimes>;
}

/** A template's thumbnail canvas, transferred from the UI: the worker draws the template's look at the picture into it. */
export interface ThumbnailCanvas {
  id: TemplateId;
  canvas: OffscreenCanvas;
}

/** A point as fractions (0..1) of an image's width and height. */
export interface ImagePoint {
  x: number;
  y: number;
}

export interface RenderProgress {
  done: number;
  total: number;
}

export interface StageTimes {
  /** Decoding the image (once per image). */
  decode: number;
  /** The analysis and the scene made from it (once per image). */
  analyse: number;
  render: number;
  encode: number;
  total: number;
}

export interface RenderResult {
  bytes: Uint8Array;
  mimeType: string;
  width: number;
  height: number;
  frames: number;
  fps: number;
  template: string;
  format: Format;
  encoder: EncoderId;
  encoderLabel: string;
  /** Why this encoder made the clip, in one line. */
  encoderReason: string;
  /** The codec and its settings, in words. */
  codec: string;
  ms: StageTimes;
}

export interface EngineApi {
  probe(): Promise<WorkerCapabilities>;
  /** Hands over ffmpeg.wasm: the @ffmpeg/core script text and its compiled wasm. */
  useFfmpeg(coreScript: string, wasm: WebAssembly.Module): Promise<void>;
  /** Hands over onnxruntime's CPU wasm and the ONNX models by id (built-ins, and `depth` if the build has one). */
  useModels(ortWasm: Uint8Array, models: Record<string, Uint8Array>): Promise<void>;
  loadImage(bytes: Uint8Array): Promise<LoadedImage>;
  /** Analyses the loaded image (once per image; needs the models) and summarises what it found. */
  analyse(): Promise<AnalysisSummary>;
  /** Takes a canvas the UI transferred; the worker draws the live preview into it. */
  attachPreview(canvas: OffscreenCanvas): Promise<void>;
  /** Plays the move for these parameters in the preview (null stops it); the thumbnails follow their aspect, intensity and focus. */
  setPreview(params: RenderParams | null): Promise<void>;
  /** Takes one canvas per template, transferred by the UI; the worker keeps their thumbnails drawn. */
  attachThumbnails(canvases: ThumbnailCanvas[]): Promise<void>;
  /**
   * The image point under a point of the preview (u, v: 0..1 of its width and
   * height) in the frame on screen, for aiming the camera; null when the preview shows nothing.
   */
  previewPointToImage(u: number, v: number): Promise<ImagePoint | null>;
  render(params: RenderParams, onProgress: (p: RenderProgress) => void): Promise<RenderResult>;
  /** Drops the image and everything derived from it. */
  release(): Promise<void>;
}
