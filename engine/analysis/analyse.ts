// The analysis stage: one pass over a photo that finds the subject, faces,
// focus point and a layered depth. Models and cues run on a reduced copy (a
// 12-megapixel photo never goes through a model at full size); the mask and
// depth are then upsampled edge-aware to the size the caller wants.
import { decodeBlazeFace, BLAZEFACE_INPUT } from './blazeface';
import { layeredDepth } from './depth';
import { DEPTH_MODEL_ID, depthModelSpec, depthOutputToPlane } from './depth-model';
import { focusPoint } from './focus';
import { guidedUpsample } from './guided-upsample';
import { planeToImage, prepareInput, rangeSpec, resizeRgba, type InputSpec } from './letterbox';
import type { OnnxModels, OutputTensor } from './onnx-models';
import { focusCue, saliency, subjectFromSaliency } from './saliency';
import type { FaceBox, FocusPoint, Plane, RgbaImage } from './types';

/** Cues and layers are computed on a copy this large on its longest side: detail beyond it only costs time. */
export const ANALYSIS_SIDE = 512;
/**
 * From this aspect on, the 16:9 segmentation model sees more of the image than
 * the letterboxed square one. At 3:2 the square model called the whole cat
 * photo a person; the landscape one cut the cat out.
 */
const LANDSCAPE_ASPECT = 1.3;
/** A person mask covering less than this share of the image is noise, unless a face vouches for it. */
const MIN_PERSON_SHARE = 0.02;
/**
 * Without a face, the mask is trusted only when decisive: at most this share of
 * the pixels it touches (p > 0.2) may be undecided (0.2..0.8). People and pets
 * come out near 0.05; a cup it half-recognises near 0.7.
 */
const MAX_UNDECIDED = 0.25;

const SEGMENTATION = {
  square: { id: 'selfie-segmentation', width: 256, height: 256 },
  landscape: { id: 'selfie-segmentation-landscape', width: 256, height: 144 },
} as const;

/** Where the subject mask came from: the person model (people, and often pets), or saliency cues. */
export type SubjectKind = 'person' | 'salient';
export type DepthSource = 'layers' | 'model';

export interface StageTimes {
  /** Downscaling to the analysis copy. */
  prepare: number;
  segmentation: number;
  faces: number;
  saliency: number;
  depth: number;
  /** Edge-aware upsampling of mask and depth to the output size. */
  upsample: number;
  total: number;
}

export interface Analysis {
  /** The size of `mask` and `depth`; faces and focus are in these pixels too. */
  width: number;
  height: number;
  /** The subject, 0..1 (1 = subject). */
  mask: Plane;
  /** 0..1, 1 = nearest. */
  depth: Plane;
  faces: FaceBox[];
  focus: FocusPoint;
  subject: SubjectKind;
  depthSource: DepthSource;
  /** Subject layers in the depth (0 with a depth model, which has no layers). */
  layers: number;
  ms: StageTimes;
}

export interface AnalysisOptions {
  /** Size of the mask and depth; the image's own size when absent. Must have the image's aspect. */
  output?: { width: number; height: number };
}

function clock() {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const spent = now - last;
    last = now;
    return spent;
  };
}

function fitWithin(width: number, height: number, side: number): { width: number; height: number } {
  const s = Math.min(1, side / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

function output(outputs: Record<string, OutputTensor>, name: string, id: string): OutputTensor {
  const t = outputs[name];
  if (!t) throw new Error(`Model ${id} gave no "${name}" output.`);
  return t;
}

async function segmentPerson(models: OnnxModels, img: RgbaImage): Promise<Plane> {
  const model = img.width / img.height >= LANDSCAPE_ASPECT ? SEGMENTATION.landscape : SEGMENTATION.square;
  const spec: InputSpec = { width: model.width, height: model.height, layout: 'NHWC', ...rangeSpec(0, 1), fit: 'letterbox' };
  const { tensor, dims, transform } = prepareInput(img, spec);
  const outputs = await models.run(model.id, tensor, dims);
  const [name] = Object.keys(outputs);
  const mask = output(outputs, name ?? '', model.id);
  const plane = { width: mask.dims[2]!, height: mask.dims[1]!, data: mask.data };
  return planeToImage(plane, transform, img.width, img.height);
}

async function detectFaces(models: OnnxModels, img: RgbaImage): Promise<FaceBox[]> {
  const id = 'face-detection-short-range';
  const { tensor, dims, transform } = prepareInput(img, BLAZEFACE_INPUT);
  const outputs = await models.run(id, tensor, dims);
  return decodeBlazeFace(output(outputs, 'regressors', id).data, output(outputs, 'classificators', id).data, transform);
}

/** A user's depth model, read back onto the analysis grid. It sees the full image: its input may exceed the analysis copy. */
async function modelDepth(models: OnnxModels, image: RgbaImage, width: number, height: number): Promise<Plane> {
  const spec = await depthModelSpec(models, image.width / image.height);
  const { tensor, dims, transform } = prepareInput(image, spec);
  const outputs = await models.run(DEPTH_MODEL_ID, tensor, dims);
  const [first] = Object.values(outputs);
  if (!first) throw new Error('The depth model gave no output.');
  return planeToImage(depthOutputToPlane(first.data, first.dims), transform, width, height);
}

/** Whether the person model's mask is a subject worth cutting out: big enough and decisive. */
function trustedPersonMask(mask: Plane): boolean {
  let touched = 0;
  let inside = 0;
  let undecided = 0;
  for (const v of mask.data) {
    if (v > 0.2) touched++;
    if (v >= 0.5) inside++;
    if (v > 0.2 && v < 0.8) undecided++;
  }
  return inside >= MIN_PERSON_SHARE * mask.data.length && undecided <= MAX_UNDECIDED * touched;
}

function scaleFace(f: FaceBox, sx: number, sy: number): FaceBox {
  return {
    x: f.x * sx,
    y: f.y * sy,
    w: f.w * sx,
    h: f.h * sy,
    score: f.score,
    keypoints: f.keypoints.map((p) => ({ x: p.x * sx, y: p.y * sy })),
  };
}

export async function analyseImage(image: RgbaImage, models: OnnxModels, options: AnalysisOptions = {}): Promise<Analysis> {
  const started = performance.now();
  const lap = clock();
  const out = options.output ?? { width: image.width, height: image.height };
  const size = fitWithin(image.width, image.height, ANALYSIS_SIDE);
  const small = size.width === image.width && size.height === image.height ? image : resizeRgba(image, size.width, size.height);
  const prepare = lap();

  const person = await segmentPerson(models, small);
  const segmentation = lap();
  const smallFaces = await detectFaces(models, small);
  const faces = lap();

  const isPerson = smallFaces.length > 0 || trustedPersonMask(person);
  const useModel = models.has(DEPTH_MODEL_ID);
  // Saliency and the layered depth both read the focus cue: computed once, only if either runs.
  const focus = isPerson && useModel ? null : focusCue(small);
  const salient = isPerson ? null : saliency(small, focus);
  const subject = salient ? subjectFromSaliency(salient) : person;
  const saliencyMs = lap();

  const layered = useModel ? null : layeredDepth({ image: small, subject, faces: smallFaces, focus });
  const depthSmall = layered ? layered.depth : await modelDepth(models, image, small.width, small.height);
  const depthMs = lap();

  const guide = out.width === image.width && out.height === image.height ? image : out.width === small.width && out.height === small.height ? small : resizeRgba(image, out.width, out.height);
  const mask = guidedUpsample(subject, guide);
  const depth = guidedUpsample(depthSmall, guide);
  const upsample = lap();

  const sx = out.width / small.width;
  const sy = out.height / small.height;
  const facesOut = smallFaces.map((f) => scaleFace(f, sx, sy));
  return {
    width: out.width,
    height: out.height,
    mask,
    depth,
    faces: facesOut,
    focus: focusPoint({ faces: facesOut, subject, saliency: salient, width: out.width, height: out.height }),
    subject: isPerson ? 'person' : 'salient',
    depthSource: useModel ? 'model' : 'layers',
    layers: layered?.layers ?? 0,
    ms: { prepare, segmentation, faces, saliency: saliencyMs, depth: depthMs, upsample, total: performance.now() - started },
  };
}
