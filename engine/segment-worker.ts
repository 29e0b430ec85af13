// A segment worker: a nested worker the engine worker starts from its own
// bundle (worker name SEGMENT_WORKER_NAME) to render and encode one range of a
// clip with its own ffmpeg.wasm instance. It re-plans the clip from the same
// params and picture facts, so its frames are the single-worker clip's frames.
// Faces, masks and depth reach it from the engine worker, never from the UI,
// and it answers only the engine worker.
import * as Comlink from 'comlink';
import * as v from 'valibot';
import { clipSource } from './clip-source';
import { FfmpegEncoder } from './encode/ffmpeg';
import type { FrameRange } from './encode/segments';
import { loadFfmpegFactory } from './ffmpeg-core-script';
import { createFrameRenderer } from './frame-renderer';
import { NO_PICTURE_INFO, planClip } from './motion/plan';
import { parseParams, type RenderParams } from './params';
import { pictureInfoFrom, type PictureFacts } from './picture-info';
import type { SceneLayers } from './scene/types';

export const SEGMENT_WORKER_NAME = 'stillmotion-segment';

/** What the engine worker keeps of ffmpeg.wasm to hand on: the core script's text and the compiled wasm. */
export interface FfmpegBundle {
  coreScript: string;
  wasm: WebAssembly.Module;
}

export interface SegmentJob {
  params: RenderParams;
  image: ImageBitmap;
  /** The analysis as the planner uses it; null without one. */
  facts: PictureFacts | null;
  layers: SceneLayers | null;
  range: FrameRange;
  ffmpeg: FfmpegBundle;
}

export interface SegmentResult {
  /** The segment as an MP4 of range.end - range.start frames, its first a keyframe. */
  bytes: Uint8Array;
  /** The encoder's description of the codec settings. */
  codec: string;
  renderMs: number;
}

export interface SegmentApi {
  encode(job: SegmentJob, onProgress: (framesDone: number) => void): Promise<SegmentResult>;
}

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Side = v.pipe(v.number(), v.integer(), v.minValue(1));
const PlaneSchema = v.pipe(
  v.object({ width: Side, height: Side, data: v.instance(Float32Array) }),
  v.check((p) => p.data.length === p.width * p.height, 'a plane holds width × height values'),
);
const RgbaSchema = v.pipe(
  v.object({ width: Side, height: Side, data: v.union([v.instance(Uint8ClampedArray), v.instance(Uint8Array)]) }),
  v.check((p) => p.data.length === 4 * p.width * p.height, 'an RGBA image holds width × height × 4 bytes'),
);
const PointSchema = v.object({ x: v.number(), y: v.number() });
const RectSchema = v.object({ x: v.number(), y: v.number(), w: v.number(), h: v.number() });
const SegmentJobSchema = v.object({
  params: v.unknown(),
  image: v.instance(ImageBitmap),
  facts: v.nullable(v.object({ focus: PointSchema, keep: v.nullable(RectSchema), face: v.nullable(RectSchema), depth: PlaneSchema, scale: PointSchema })),
  layers: v.nullable(
    v.object({
      width: Side,
      height: Side,
      depth: PlaneSchema,
      mask: PlaneSchema,
      background: v.object({ colour: RgbaSchema, depth: PlaneSchema }),
      hole: PlaneSchema,
    }),
  ),
  range: v.pipe(
    v.object({ start: Count, end: Count }),
    v.check((r) => r.end > r.start, 'a range holds at least one frame'),
  ),
  ffmpeg: v.object({ coreScript: v.string(), wasm: v.instance(WebAssembly.Module) }),
});

async function encode(input: SegmentJob, onProgress: (framesDone: number) => void): Promise<SegmentResult> {
  const job = v.parse(SegmentJobSchema, input);
  const params = parseParams(job.params);
  const encoder = new FfmpegEncoder({ factory: loadFfmpegFactory(job.ffmpeg.coreScript), module: job.ffmpeg.wasm });
  const plan = planClip(params, job.image, job.facts ? pictureInfoFrom(job.facts) : NO_PICTURE_INFO);
  if (job.range.end > plan.frames) throw new Error(`Frames ${job.range.start}..${job.range.end} are beyond the clip's ${plan.frames}.`);
  const renderer = createFrameRenderer(new OffscreenCanvas(params.width, params.height));
  try {
    const source = clipSource(plan, renderer, job.range);
    renderer.setScene(job.image, job.layers, plan.minSourcePerOutput());
    job.image.close();
    const clip = await encoder.encode(source, params, { onProgress });
    return { bytes: clip.bytes, codec: clip.codec, renderMs: source.renderMs };
  } finally {
    renderer.dispose();
  }
}

export const segmentApi: SegmentApi = {
  async encode(job, onProgress) {
    const result = await encode(job, onProgress);
    return Comlink.transfer(result, [result.bytes.buffer]);
  },
};
