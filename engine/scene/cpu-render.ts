// The CPU reference renderer: the GPU's 2D camera pass (engine/render/shaders.ts)
// and its one-time reduction, reproduced in plain TypeScript so unit tests can
// check renders under Node and so hosts without WebGL2 still render. It draws
// 2D moves only: the pose's view, without the camera shift, the layers or the
// effects, so a 3D template falls back to its plain zoom or pan.
import type { RgbaImage } from '../analysis/types';
import type { FrameSpec, Size, View } from '../motion/types';
import type { FrameRenderer, Pixels } from '../render/types';
import { SRGB_TO_LINEAR, linearToSrgb8 } from './srgb';
import type { SceneLayers } from './types';

// Module-local names for the hot loops: under Node's module loaders every use of
// an imported binding can be an accessor call.
const toLinear = SRGB_TO_LINEAR;
const toSrgb8 = linearToSrgb8;

/** Largest scale of one reduction pass, as in the GPU renderer: bigger reductions take several. */
const MAX_PASS_SCALE = 4;

function catmullRom(t: number): number {
  const x = Math.abs(t);
  if (x < 1) return (1.5 * x - 2.5) * x * x + 1;
  if (x < 2) return ((-0.5 * x + 2.5) * x - 4) * x + 2;
  return 0;
}

/** One axis of a resampling: output k reads source index[k*count + t] with weight[k*count + t] (normalised). */
interface AxisTaps {
  count: number;
  index: Int32Array;
  weight: Float32Array;
}

/**
 * The shaders' taps along one axis: output pixel k's centre lands at
 * c = origin + (k + 0.5) * step - 0.5 in source texel indices; the Catmull-Rom
 * kernel is widened by the step when it exceeds 1, indices clamp to the edge.
 * With step ≤ 1 these are exactly the closed-form 4-tap weights of the magnify
 * pass; the 2D kernel is their product, so both axes resample separably.
 */
function axisTaps(n: number, size: number, origin: number, step: number): AxisTaps {
  const s = Math.max(1, step);
  const centre = (k: number) => origin + (k + 0.5) * step - 0.5;
  const first = (k: number) => Math.floor(centre(k) - 2 * s) + 1;
  const last = (k: number) => Math.floor(centre(k) + 2 * s);
  let count = 0;
  for (let k = 0; k < n; k++) count = Math.max(count, last(k) - first(k) + 1);
  const index = new Int32Array(n * count);
  const weight = new Float32Array(n * count);
  for (let k = 0; k < n; k++) {
    const c = centre(k);
    const [lo, hi] = [first(k), last(k)];
    let total = 0;
    for (let i = lo; i <= hi; i++) total += catmullRom((i - c) / s);
    for (let i = lo, t = k * count; i <= hi; i++, t++) {
      index[t] = Math.min(Math.max(i, 0), size - 1);
      weight[t] = catmullRom((i - c) / s) / total;
    }
  }
  return { count, index, weight };
}

/** Source rows `first`.. of an image resampled along x: linear RGB floats, `taps`' length per row. */
function resampleRows(src: RgbaImage, taps: AxisTaps, first: number, rows: number): Float32Array {
  const n = taps.index.length / taps.count;
  const out = new Float32Array(rows * n * 3);
  const data = src.data;
  for (let r = 0; r < rows; r++) {
    const row = (first + r) * src.width;
    for (let k = 0; k < n; k++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let t = k * taps.count, end = t + taps.count; t < end; t++) {
        const w = taps.weight[t]!;
        if (w === 0) continue;
        const p = (row + taps.index[t]!) * 4;
        red += w * toLinear[data[p]!]!;
        green += w * toLinear[data[p + 1]!]!;
        blue += w * toLinear[data[p + 2]!]!;
      }
      const o = (r * n + k) * 3;
      out[o] = red;
      out[o + 1] = green;
      out[o + 2] = blue;
    }
  }
  return out;
}

/** Linear RGB rows (width × rows, row `first` at 0) resampled along y and encoded to opaque sRGB RGBA. */
function resampleColumns(rows: Float32Array, width: number, first: number, taps: AxisTaps): Uint8ClampedArray {
  const n = taps.index.length / taps.count;
  const out = new Uint8ClampedArray(width * n * 4);
  const acc = new Float64Array(width * 3);
  for (let k = 0; k < n; k++) {
    acc.fill(0);
    for (let t = k * taps.count, end = t + taps.count; t < end; t++) {
      const w = taps.weight[t]!;
      if (w === 0) continue;
      const o = (taps.index[t]! - first) * width * 3;
      for (let x = 0; x < width * 3; x++) acc[x]! += w * rows[o + x]!;
    }
    for (let x = 0, o = k * width * 4; x < width; x++, o += 4) {
      out[o] = toSrgb8(acc[x * 3]!);
      out[o + 1] = toSrgb8(acc[x * 3 + 1]!);
      out[o + 2] = toSrgb8(acc[x * 3 + 2]!);
      out[o + 3] = 255;
    }
  }
  return out;
}

/** The span of source indices that taps read. */
function span(taps: AxisTaps): { first: number; count: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < taps.index.length; t++) {
    if (taps.weight[t] === 0) continue;
    lo = Math.min(lo, taps.index[t]!);
    hi = Math.max(hi, taps.index[t]!);
  }
  return lo > hi ? { first: 0, count: 0 } : { first: lo, count: hi - lo + 1 };
}

/** Source pixels per working-image pixel on each axis: 1 unless the image was reduced. */
export interface Reduction {
  x: number;
  y: number;
}

const FULL_SIZE: Reduction = { x: 1, y: 1 };

/**
 * What the GPU camera pass draws for a view, as opaque sRGB RGBA, top row
 * first. `src` is the working image: the source itself, or its reduction
 * (reduceSource) with `reduction` source pixels per working pixel; the view
 * is always in source pixels.
 */
export function renderView(src: RgbaImage, view: View, out: Size, reduction: Reduction = FULL_SIZE): Uint8ClampedArray {
  const tx = axisTaps(out.width, src.width, (view.cx - view.w / 2) / reduction.x, view.w / out.width / reduction.x);
  const ty = axisTaps(out.height, src.height, (view.cy - view.h / 2) / reduction.y, view.h / out.height / reduction.y);
  const rows = span(ty);
  return resampleColumns(resampleRows(src, tx, rows.first, rows.count), out.width, rows.first, ty);
}

/** One axis of the GPU's reduction pass: an sRGB8 image resized along x or y, written back as sRGB8. */
function reducePass(src: RgbaImage, size: Size, axis: 'x' | 'y'): RgbaImage {
  const horizontal = axis === 'x';
  const scale = horizontal ? src.width / size.width : src.height / size.height;
  const along = horizontal ? axisTaps(size.width, src.width, 0, scale) : axisTaps(size.height, src.height, 0, scale);
  const identity = horizontal ? axisTaps(size.height, src.height, 0, 1) : axisTaps(size.width, src.width, 0, 1);
  const data = horizontal
    ? resampleColumns(resampleRows(src, along, 0, src.height), size.width, 0, identity)
    : resampleColumns(resampleRows(src, identity, 0, src.height), size.width, 0, along);
  return { width: size.width, height: size.height, data };
}

/**
 * The GPU renderer's one-time reduction (engine/render/reduce.ts): separable
 * Catmull-Rom passes of at most MAX_PASS_SCALE each, every pass stored as 8-bit
 * sRGB, until `minSourcePerOutput` is used up.
 */
export function reduceSource(image: RgbaImage, minSourcePerOutput: number): { image: RgbaImage; reduction: Reduction } {
  let current = image;
  let remaining = Math.max(1, minSourcePerOutput);
  while (remaining > 1.0001) {
    const scale = Math.min(remaining, MAX_PASS_SCALE);
    const target = {
      width: Math.max(1, Math.round(current.width / scale)),
      height: Math.max(1, Math.round(current.height / scale)),
    };
    current = reducePass(reducePass(current, { width: target.width, height: current.height }, 'x'), target, 'y');
    remaining /= scale;
  }
  return { image: current, reduction: { x: image.width / current.width, y: image.height / current.height } };
}

/** Reads a bitmap or canvas back as RGBA through a 2D canvas (worker and page hosts). */
export function readPixels(pixels: Pixels): RgbaImage {
  const { width, height } = pixels;
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { alpha: false, willReadFrequently: true });
  if (!ctx) throw new Error('This host cannot draw images (no 2D canvas).');
  ctx.drawImage(pixels, 0, 0);
  return { width, height, data: ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' }).data };
}

/**
 * The fallback renderer where WebGL2 is missing: 2D only (see the file's
 * header). The canvas gives the output size and receives upright frames for
 * encoders that take canvases; `draw(frame, true)` keeps the frame for read()
 * alone and leaves the canvas as it is.
 */
export class CpuRenderer implements FrameRenderer {
  private source: { image: RgbaImage; reduction: Reduction } | null = null;
  private frame: Uint8ClampedArray | null = null;

  constructor(
    readonly canvas: OffscreenCanvas,
    /** How the picture's pixels are read: a 2D canvas in hosts, a stand-in in tests. */
    private readonly readImage: (pixels: Pixels) => RgbaImage = readPixels,
  ) {}

  setScene(image: Pixels, _layers: SceneLayers | null, minSourcePerOutput: number): void {
    this.source = reduceSource(this.readImage(image), minSourcePerOutput);
    this.frame = null;
  }

  draw(frame: FrameSpec, flipY = false): void {
    if (!this.source) throw new Error('No source image.');
    const out = { width: this.canvas.width, height: this.canvas.height };
    this.frame = renderView(this.source.image, frame.pose.view, out, this.source.reduction);
    if (!flipY) this.put(this.frame);
  }

  read(dst: Uint8Array): void {
    if (!this.frame) throw new Error('Nothing drawn yet.');
    dst.set(this.frame);
  }

  clear(): void {
    this.frame = null;
    this.context().clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  dispose(): void {
    this.source = null;
    this.frame = null;
  }

  private put(pixels: Uint8ClampedArray): void {
    const ctx = this.context();
    const image = ctx.createImageData(this.canvas.width, this.canvas.height);
    image.data.set(pixels);
    ctx.putImageData(image, 0, 0);
  }

  private context(): OffscreenCanvasRenderingContext2D {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('This host cannot draw images (no 2D canvas).');
    return ctx;
  }
}
