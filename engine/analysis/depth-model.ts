// A depth model the user brings (none can ship): what input it wants, read from
// its own metadata, and its output turned into a 0..1 plane, 1 = nearest.
// Written for Depth Anything V2 and MiDaS-style models: RGB with ImageNet
// normalisation in, relative inverse depth (larger = nearer) out.
import type { InputSpec } from './letterbox';
import type { OnnxModels } from './onnx-models';
import type { Plane } from './types';

/** The id the UI hands a user's depth model under. */
export const DEPTH_MODEL_ID = 'depth';

const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/** Depth Anything V2 takes any multiple of its 14-pixel patch; 518 is its training size. */
const PATCH = 14;
const DEFAULT_LONG_SIDE = 518;

type Dim = number | string;

const isFixed = (d: Dim | undefined): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0;

const toPatches = (size: number) => Math.max(PATCH, Math.round(size / PATCH) * PATCH);

/**
 * The input a depth model with this input shape wants, for an image of this
 * aspect (width / height). Fixed sizes are kept; a dynamic side is chosen to
 * keep the aspect, in whole patches, the long side 518 when both are dynamic.
 * Stretched, not letterboxed: depth is read back over the whole image.
 */
export function depthInputSpec(shape: readonly Dim[], imageAspect = 1): InputSpec {
  if (shape.length !== 4) throw new Error(`A depth model needs a 4-D image input, not [${shape.join(', ')}].`);
  const layout = shape[1] === 3 ? 'NCHW' : shape[3] === 3 ? 'NHWC' : null;
  if (!layout) throw new Error(`A depth model's input must have 3 channels, as [1,3,H,W] or [1,H,W,3]; it has [${shape.join(', ')}].`);
  const [h, w] = layout === 'NCHW' ? [shape[2], shape[3]] : [shape[1], shape[2]];
  let width: number;
  let height: number;
  if (isFixed(w) && isFixed(h)) [width, height] = [w, h];
  else if (isFixed(w)) [width, height] = [w, toPatches(w / imageAspect)];
  else if (isFixed(h)) [width, height] = [toPatches(h * imageAspect), h];
  else if (imageAspect >= 1) [width, height] = [DEFAULT_LONG_SIDE, toPatches(DEFAULT_LONG_SIDE / imageAspect)];
  else [width, height] = [toPatches(DEFAULT_LONG_SIDE * imageAspect), DEFAULT_LONG_SIDE];
  return { width, height, layout, mean: IMAGENET_MEAN, std: IMAGENET_STD, fit: 'stretch' };
}

/** The input spec of the loaded depth model, from its metadata. */
export async function depthModelSpec(models: OnnxModels, imageAspect: number): Promise<InputSpec> {
  const { shape } = await models.inputInfo(DEPTH_MODEL_ID);
  return depthInputSpec(shape, imageAspect);
}

/** Outside these percentiles values are clamped: a few wild pixels must not flatten the rest. */
const LOW = 0.01;
const HIGH = 0.99;

/**
 * A depth output ([1,H,W], [1,1,H,W] or [H,W]) as a plane: the 1st percentile
 * maps to 0 (farthest), the 99th to 1 (nearest). A flat output, which says
 * nothing about depth, becomes 0.5 everywhere; NaN counts as farthest.
 */
export function depthOutputToPlane(data: Float32Array, dims: readonly number[]): Plane {
  const leading = dims.slice(0, -2);
  if (dims.length < 2 || dims.length > 4 || leading.some((d) => d !== 1)) {
    throw new Error(`A depth output must be [H,W], [1,H,W] or [1,1,H,W], not [${dims.join(', ')}].`);
  }
  const height = dims[dims.length - 2]!;
  const width = dims[dims.length - 1]!;
  if (width * height !== data.length) throw new Error(`A depth output of [${dims.join(', ')}] needs ${width * height} values, not ${data.length}.`);
  const sorted = data.filter(Number.isFinite).sort();
  const out = new Float32Array(data.length);
  const lo = sorted[Math.round(LOW * (sorted.length - 1))];
  const hi = sorted[Math.round(HIGH * (sorted.length - 1))];
  if (lo === undefined || hi === undefined || !(hi > lo)) return { width, height, data: out.fill(0.5) };
  const scale = 1 / (hi - lo);
  for (let i = 0; i < data.length; i++) {
    const v = (data[i]! - lo) * scale;
    out[i] = v > 1 ? 1 : v > 0 ? v : 0;
  }
  return { width, height, data: out };
}
