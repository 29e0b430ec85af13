// Edge-aware upsampling of a low-resolution soft mask: He & Sun's fast guided
// filter with a colour guide. The mask is fitted, window by window, as a linear
// function of the guide's RGB at the mask's own resolution, where the two
// correspond; those coefficients are smooth, so they are upsampled and applied
// to the full-resolution guide, whose sharp edges the mask then inherits.
// Filtering a bilinear upsample instead would only redistribute the blur.
import { bilinearAxis, resizeRgb } from './letterbox';
import type { Plane, RgbaImage } from './types';

/**
 * Mean over the (2r+1)² window around each pixel, the window clipped to the
 * plane (so edges average fewer pixels, not zeros). Separable running sums: O(N) whatever r is.
 */
function boxMean(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    for (let x = 0; x <= Math.min(r, w - 1); x++) sum += src[o + x]!;
    for (let x = 0; x < w; x++) {
      rows[o + x] = sum / (Math.min(x + r, w - 1) - Math.max(x - r, 0) + 1);
      if (x + r + 1 < w) sum += src[o + x + r + 1]!;
      if (x - r >= 0) sum -= src[o + x - r]!;
    }
  }
  const out = new Float32Array(w * h);
  // Whole rows at a time keep the column pass cache-friendly; doubles keep the running sums from drifting.
  const acc = new Float64Array(w);
  for (let y = 0; y <= Math.min(r, h - 1); y++) for (let x = 0; x < w; x++) acc[x]! += rows[y * w + x]!;
  for (let y = 0; y < h; y++) {
    const n = Math.min(y + r, h - 1) - Math.max(y - r, 0) + 1;
    const o = y * w;
    for (let x = 0; x < w; x++) out[o + x] = acc[x]! / n;
    const add = y + r + 1 < h ? (y + r + 1) * w : -1;
    const sub = y - r >= 0 ? (y - r) * w : -1;
    for (let x = 0; x < w; x++) {
      if (add >= 0) acc[x]! += rows[add + x]!;
      if (sub >= 0) acc[x]! -= rows[sub + x]!;
    }
  }
  return out;
}

/** Box-filtered copy of a plane: the mean over the (2r+1)² window, clipped at the borders. */
export function boxBlur(plane: Plane, radius: number): Plane {
  return { width: plane.width, height: plane.height, data: boxMean(plane.data, plane.width, plane.height, radius) };
}

export interface GuidedOptions {
  /** Window radius in guide pixels; defaults to two mask pixels' worth, so it grows with the upsampling factor. */
  radius?: number;
  /** Regularises the guide's colour variance (RGB in 0..1): larger smooths more, smaller follows fainter edges. */
  eps?: number;
}

const DEFAULT_EPS = 1e-4;
const DEFAULT_RADIUS_IN_MASK_PIXELS = 2;

/**
 * Per-window linear coefficients (a_r, a_g, a_b, b) of the mask on the guide's
 * colour, box-averaged: a = (Σ + eps·I)⁻¹ cov(I, p), b = mean(p) − a·mean(I).
 */
function coefficients(
  rgb: Float32Array,
  p: Float32Array,
  w: number,
  h: number,
  r: number,
  eps: number,
): Float32Array[] {
  const n = w * h;
  const box = (a: Float32Array) => boxMean(a, w, h, r);
  const ch = [0, 1, 2].map((c) => Float32Array.from({ length: n }, (_, i) => rgb[i * 3 + c]! / 255));
  const product = (a: Float32Array, b: Float32Array) => box(a.map((v, i) => v * b[i]!));
  const [ir, ig, ib] = ch as [Float32Array, Float32Array, Float32Array];
  const [mr, mg, mb] = ch.map(box) as [Float32Array, Float32Array, Float32Array];
  const mp = box(p);
  const [rr, rg, rb] = [product(ir, ir), product(ir, ig), product(ir, ib)];
  const [gg, gb, bb] = [product(ig, ig), product(ig, ib), product(ib, ib)];
  const [rp, gp, bp] = [product(ir, p), product(ig, p), product(ib, p)];
  const [ar, ag, ab, b] = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    const ur = mr[i]!;
    const ug = mg[i]!;
    const ub = mb[i]!;
    const up = mp[i]!;
    const s11 = rr[i]! - ur * ur + eps;
    const s12 = rg[i]! - ur * ug;
    const s13 = rb[i]! - ur * ub;
    const s22 = gg[i]! - ug * ug + eps;
    const s23 = gb[i]! - ug * ub;
    const s33 = bb[i]! - ub * ub + eps;
    const cr = rp[i]! - ur * up;
    const cg = gp[i]! - ug * up;
    const cb = bp[i]! - ub * up;
    // The symmetric 3×3 inverse by cofactors; eps keeps it positive definite.
    const c11 = s22 * s33 - s23 * s23;
    const c12 = s13 * s23 - s12 * s33;
    const c13 = s12 * s23 - s13 * s22;
    const c22 = s11 * s33 - s13 * s13;
    const c23 = s12 * s13 - s11 * s23;
    const c33 = s11 * s22 - s12 * s12;
    const det = s11 * c11 + s12 * c12 + s13 * c13;
    ar[i] = (c11 * cr + c12 * cg + c13 * cb) / det;
    ag[i] = (c12 * cr + c22 * cg + c23 * cb) / det;
    ab[i] = (c13 * cr + c23 * cg + c33 * cb) / det;
    b[i] = up - ar[i]! * ur - ag[i]! * ug - ab[i]! * ub;
  }
  return [ar, ag, ab, b].map(box);
}

/**
 * `low` (covering the same area as `guide`) resampled to the guide's size with
 * its edges following the guide's; values clamped to 0..1.
 */
export function guidedUpsample(low: Plane, guide: RgbaImage, opts: GuidedOptions = {}): Plane {
  const { width: lw, height: lh } = low;
  const { width: w, height: h } = guide;
  const factor = Math.max(w / lw, h / lh);
  const radius = opts.radius ?? DEFAULT_RADIUS_IN_MASK_PIXELS * factor;
  const lowRadius = Math.max(1, Math.round(radius / factor));
  const coef = coefficients(resizeRgb(guide, lw, lh), low.data, lw, lh, lowRadius, opts.eps ?? DEFAULT_EPS);
  // Coefficients are upsampled in the loop, a row at a time: four full-size planes would cost far more memory.
  const ax = bilinearAxis(w, lw, (k) => ((k + 0.5) * lw) / w);
  const ay = bilinearAxis(h, lh, (k) => ((k + 0.5) * lh) / h);
  const row = new Float32Array(lw * 4);
  const data = new Float32Array(w * h);
  const px = guide.data;
  for (let y = 0; y < h; y++) {
    const r0 = ay.i0[y]! * lw;
    const r1 = ay.i1[y]! * lw;
    const fy = ay.f[y]!;
    for (let c = 0; c < 4; c++) {
      const plane = coef[c]!;
      for (let j = 0; j < lw; j++) row[j * 4 + c] = plane[r0 + j]! + (plane[r1 + j]! - plane[r0 + j]!) * fy;
    }
    for (let x = 0; x < w; x++) {
      const o0 = ax.i0[x]! * 4;
      const o1 = ax.i1[x]! * 4;
      const fx = ax.f[x]!;
      const i = (y * w + x) * 4;
      let q = 0;
      for (let c = 0; c < 4; c++) {
        const v = row[o0 + c]! + (row[o1 + c]! - row[o0 + c]!) * fx;
        q += c < 3 ? (v * px[i + c]!) / 255 : v;
      }
      data[y * w + x] = Math.min(1, Math.max(0, q));
    }
  }
  return { width: w, height: h, data };
}
