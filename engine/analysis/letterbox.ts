// Model input preparation and the way back: resamples an image into a model's
// fixed-size input tensor (letterboxed or stretched) and maps model-space
// points and planes back onto the image.
import type { Plane, Point, RgbaImage } from './types';

export interface InputSpec {
  width: number;
  height: number;
  layout: 'NHWC' | 'NCHW';
  /** A channel value v (0..255) becomes (v / 255 - mean[c]) / std[c]. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  fit: 'letterbox' | 'stretch';
}

/** Mean and std that map 0..255 linearly onto [lo, hi]. */
export function rangeSpec(lo: number, hi: number): Pick<InputSpec, 'mean' | 'std'> {
  const mean = (0 - lo) / (hi - lo);
  const std = 1 / (hi - lo);
  return { mean: [mean, mean, mean], std: [std, std, std] };
}

/**
 * The affine map from image pixels to model pixels, on pixel edges:
 * mx = x * scaleX + padX, my = y * scaleY + padY. The image edge 0..imageWidth
 * lands on padX..padX + imageWidth * scaleX.
 */
export interface Letterbox {
  scaleX: number;
  scaleY: number;
  padX: number;
  padY: number;
  imageWidth: number;
  imageHeight: number;
  modelWidth: number;
  modelHeight: number;
}

/**
 * Where an image lands in a model input. Letterboxed content is rounded to whole
 * model pixels so the padding is whole rows or columns; the scales then differ
 * from each other by at most one pixel's worth.
 */
export function fitTransform(
  imageWidth: number,
  imageHeight: number,
  modelWidth: number,
  modelHeight: number,
  fit: InputSpec['fit'],
): Letterbox {
  let cw = modelWidth;
  let ch = modelHeight;
  if (fit === 'letterbox') {
    const s = Math.min(modelWidth / imageWidth, modelHeight / imageHeight);
    cw = Math.min(modelWidth, Math.max(1, Math.round(imageWidth * s)));
    ch = Math.min(modelHeight, Math.max(1, Math.round(imageHeight * s)));
  }
  return {
    scaleX: cw / imageWidth,
    scaleY: ch / imageHeight,
    padX: Math.floor((modelWidth - cw) / 2),
    padY: Math.floor((modelHeight - ch) / 2),
    imageWidth,
    imageHeight,
    modelWidth,
    modelHeight,
  };
}

export function toModelPoint(t: Letterbox, p: Point): Point {
  return { x: p.x * t.scaleX + t.padX, y: p.y * t.scaleY + t.padY };
}

export function toImagePoint(t: Letterbox, p: Point): Point {
  return { x: (p.x - t.padX) / t.scaleX, y: (p.y - t.padY) / t.scaleY };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A model-pixel rectangle (top-left and size) in image pixels. */
export function toImageRect(t: Letterbox, r: Rect): Rect {
  const p = toImagePoint(t, r);
  return { x: p.x, y: p.y, w: r.w / t.scaleX, h: r.h / t.scaleY };
}

/** Resampling taps for one axis: output j reads in[index[j*taps + k]] * weight[j*taps + k]. */
interface Taps {
  taps: number;
  index: Int32Array;
  weight: Float32Array;
}

/** Area averaging when shrinking (each output pixel averages the source span it covers), bilinear when enlarging. */
function axisTaps(inSize: number, outSize: number): Taps {
  const scale = outSize / inSize;
  const shrink = scale < 1;
  const taps = shrink ? Math.ceil(1 / scale) + 1 : 2;
  const index = new Int32Array(outSize * taps);
  const weight = new Float32Array(outSize * taps);
  for (let j = 0; j < outSize; j++) {
    const o = j * taps;
    if (shrink) {
      const a = j / scale;
      const b = Math.min(inSize, (j + 1) / scale);
      const first = Math.floor(a);
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const i = first + k;
        const cover = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
        index[o + k] = Math.min(i, inSize - 1);
        weight[o + k] = cover;
        sum += cover;
      }
      for (let k = 0; k < taps; k++) weight[o + k]! /= sum;
    } else {
      const u = (j + 0.5) / scale - 0.5;
      const i0 = Math.floor(u);
      const f = u - i0;
      index[o] = Math.min(Math.max(i0, 0), inSize - 1);
      index[o + 1] = Math.min(Math.max(i0 + 1, 0), inSize - 1);
      weight[o] = 1 - f;
      weight[o + 1] = f;
    }
  }
  return { taps, index, weight };
}

/**
 * Resamples RGB (alpha ignored) to outW × outH, separably: rows first, then
 * columns. Returns interleaved RGB floats, 0..255.
 */
export function resizeRgb(img: RgbaImage, outW: number, outH: number): Float32Array {
  const { width: w, height: h, data } = img;
  const hx = axisTaps(w, outW);
  const rows = new Float32Array(h * outW * 3);
  for (let y = 0; y < h; y++) {
    const src = y * w * 4;
    for (let j = 0; j < outW; j++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = j * hx.taps, end = k + hx.taps; k < end; k++) {
        const wt = hx.weight[k]!;
        const s = src + hx.index[k]! * 4;
        r += data[s]! * wt;
        g += data[s + 1]! * wt;
        b += data[s + 2]! * wt;
      }
      const d = (y * outW + j) * 3;
      rows[d] = r;
      rows[d + 1] = g;
      rows[d + 2] = b;
    }
  }
  const vy = axisTaps(h, outH);
  const out = new Float32Array(outH * outW * 3);
  const stride = outW * 3;
  for (let i = 0; i < outH; i++) {
    const d = i * stride;
    for (let k = i * vy.taps, end = k + vy.taps; k < end; k++) {
      const wt = vy.weight[k]!;
      if (wt === 0) continue;
      const s = vy.index[k]! * stride;
      for (let x = 0; x < stride; x++) out[d + x]! += rows[s + x]! * wt;
    }
  }
  return out;
}

/** A resampled copy of an opaque image (area-averaged when shrinking); alpha comes back opaque. */
export function resizeRgba(img: RgbaImage, width: number, height: number): RgbaImage {
  const rgb = resizeRgb(img, width, height);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    data[j] = rgb[i]!;
    data[j + 1] = rgb[i + 1]!;
    data[j + 2] = rgb[i + 2]!;
    data[j + 3] = 255;
  }
  return { width, height, data };
}

/** The model input tensor for an image, and the transform that maps model pixels back to it. */
export function prepareInput(
  img: RgbaImage,
  spec: InputSpec,
): { tensor: Float32Array; dims: number[]; transform: Letterbox } {
  const { width: mw, height: mh } = spec;
  const t = fitTransform(img.width, img.height, mw, mh, spec.fit);
  const cw = Math.round(img.width * t.scaleX);
  const ch = Math.round(img.height * t.scaleY);
  const rgb = resizeRgb(img, cw, ch);
  const tensor = new Float32Array(mw * mh * 3);
  const nchw = spec.layout === 'NCHW';
  for (let c = 0; c < 3; c++) {
    const k = 1 / (255 * spec.std[c]!);
    const off = -spec.mean[c]! / spec.std[c]!;
    // Padding is black: 0 before normalisation.
    for (let p = 0; p < mw * mh; p++) tensor[nchw ? c * mw * mh + p : p * 3 + c] = off;
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        const p = (y + t.padY) * mw + x + t.padX;
        tensor[nchw ? c * mw * mh + p : p * 3 + c] = rgb[(y * cw + x) * 3 + c]! * k + off;
      }
    }
  }
  const dims = nchw ? [1, 3, mh, mw] : [1, mh, mw, 3];
  return { tensor, dims, transform: t };
}

/**
 * Bilinear taps along one axis for n output cells: output k blends input cells
 * i0 and i1 by f, where at(k) is its centre in input pixels (edges at integers,
 * centres at i + 0.5); clamped to the edge cells.
 */
export function bilinearAxis(n: number, inSize: number, at: (k: number) => number) {
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const f = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const u = Math.min(Math.max(at(k) - 0.5, 0), inSize - 1);
    i0[k] = Math.floor(u);
    i1[k] = Math.min(i0[k]! + 1, inSize - 1);
    f[k] = u - i0[k]!;
  }
  return { i0, i1, f };
}

/**
 * Samples a model-space plane (any resolution spanning the model input) onto a
 * width × height grid covering the original image. Bilinear, pixel centres at k + 0.5.
 */
export function planeToImage(plane: Plane, t: Letterbox, width: number, height: number): Plane {
  // Image pixel centre → model pixels → plane pixels.
  const kx = plane.width / t.modelWidth;
  const ky = plane.height / t.modelHeight;
  const cx = bilinearAxis(width, plane.width, (k) => (((k + 0.5) * t.imageWidth * t.scaleX) / width + t.padX) * kx);
  const cy = bilinearAxis(height, plane.height, (k) => (((k + 0.5) * t.imageHeight * t.scaleY) / height + t.padY) * ky);
  const src = plane.data;
  const pw = plane.width;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const r0 = cy.i0[y]! * pw;
    const r1 = cy.i1[y]! * pw;
    const fy = cy.f[y]!;
    for (let x = 0; x < width; x++) {
      const x0 = cx.i0[x]!;
      const x1 = cx.i1[x]!;
      const fx = cx.f[x]!;
      const top = src[r0 + x0]! + (src[r0 + x1]! - src[r0 + x0]!) * fx;
      const bottom = src[r1 + x0]! + (src[r1 + x1]! - src[r1 + x0]!) * fx;
      data[y * width + x] = top + (bottom - top) * fy;
    }
  }
  return { width, height, data };
}
