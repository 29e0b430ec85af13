// Where the subject of a photo with no person in it probably is, from cheap
// image cues, and a soft subject mask made from that estimate. Every function
// is O(pixels): it runs on the analysis image (longest side ≤ 512 px).
import { boxBlur } from './guided-upsample';
import { fitTransform, planeToImage, resizeRgba } from './letterbox';
import type { Plane, RgbaImage } from './types';

/** Cue weights in `saliency` when the photo has a shallow depth of field. */
const W_COLOUR = 0.6;
const W_FOCUS = 0.4;
/** The centre prior scales saliency by CENTRE_FLOOR..1, so an off-centre subject still wins on contrast. */
const CENTRE_FLOOR = 0.5;
/** Centre prior σ as a fraction of each side: the corners keep about 6 %. */
const CENTRE_SIGMA = 0.3;
/** Smallest windowed luma difference across two pixels that counts as structure: above 8-bit steps and faint noise. */
const MIN_STRUCTURE = 0.02;
/**
 * Shallow focus: the least sharp edges have under this fraction of the sharpest
 * ones' Laplacian-to-gradient ratio. Measured on the fixtures at analysis size:
 * the cat 0.13, the coffee 0.36, the rocket at dusk 0.49; sharp noise 0.5-0.8,
 * a flat disc 0.8-0.9.
 */
const FOCUS_SPREAD = 0.4;
/** Too few edges (a flat graphic) to judge focus, as a fraction of the pixels. */
const MIN_VOTERS = 0.01;
/** Lowest subject threshold, as a fraction of peak saliency: a flat map must not yield half the frame. */
const MIN_THRESHOLD = 0.2;
/** Components with less than this fraction of the strongest one's saliency mass are specks. */
const KEEP_FRACTION = 0.25;

function plane(width: number, height: number, data: Float32Array = new Float32Array(width * height)): Plane {
  return { width, height, data };
}

function blur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  return boxBlur(plane(w, h, src), r).data;
}

/** The image at half size, area-averaged: the slight blur colour contrast wants, at a quarter of the work. */
function halfSize(img: RgbaImage): RgbaImage {
  return resizeRgba(img, Math.max(1, Math.round(img.width / 2)), Math.max(1, Math.round(img.height / 2)));
}

/** Bilinear upsampling of a plane to w × h. */
function enlarge(p: Plane, w: number, h: number): Plane {
  return planeToImage(p, fitTransform(w, h, p.width, p.height, 'stretch'), w, h);
}

function meanOf(data: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  return sum / data.length;
}

function maxOf(data: Float32Array): number {
  let max = 0;
  for (const v of data) if (v > max) max = v;
  return max;
}

/** The value below which a fraction q of `data` (≥ 0) lies, from a 2048-bin histogram over 0..max. */
function quantile(data: Float32Array, q: number): number {
  const max = maxOf(data);
  if (max === 0) return 0;
  const bins = new Uint32Array(2048);
  for (const v of data) bins[Math.min(2047, Math.floor((v / max) * 2048))]!++;
  const target = q * data.length;
  let seen = 0;
  for (let i = 0; i < 2048; i++) {
    seen += bins[i]!;
    if (seen >= target) return ((i + 1) / 2048) * max;
  }
  return max;
}

/** Scales so that `ref` maps to 1, clamping above. */
function normalise(data: Float32Array, ref: number): Float32Array {
  if (ref > 0) for (let i = 0; i < data.length; i++) data[i] = Math.min(1, data[i]! / ref);
  return data;
}

const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : t * (841 / 108) + 4 / 29;
}

/** CIE L*a*b* (D65) of every pixel, as three planes. */
function toLab(img: RgbaImage): [Float32Array, Float32Array, Float32Array] {
  const n = img.width * img.height;
  const L = new Float32Array(n);
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) {
    const r = SRGB_TO_LINEAR[d[4 * i]!]!;
    const g = SRGB_TO_LINEAR[d[4 * i + 1]!]!;
    const b = SRGB_TO_LINEAR[d[4 * i + 2]!]!;
    const fx = labF((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
    const fy = labF(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = labF((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
    L[i] = 116 * fy - 16;
    A[i] = 500 * (fx - fy);
    B[i] = 200 * (fy - fz);
  }
  return [L, A, B];
}

/**
 * Frequency-tuned saliency (Achanta et al. 2009): Lab distance of the slightly
 * blurred image (here: halved, then enlarged back) from the mean colour.
 */
export function colourContrast(img: RgbaImage): Plane {
  const small = halfSize(img);
  const [L, A, B] = toLab(small);
  const [mL, mA, mB] = [meanOf(L), meanOf(A), meanOf(B)];
  const out = new Float32Array(L.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt((L[i]! - mL) ** 2 + (A[i]! - mA) ** 2 + (B[i]! - mB) ** 2);
  return enlarge(plane(small.width, small.height, normalise(out, maxOf(out))), img.width, img.height);
}

/** Rec. 709 luma of the encoded values, 0..1: edges are judged as the eye sees them. */
function luma(img: RgbaImage): Float32Array {
  const d = img.data;
  const out = new Float32Array(img.width * img.height);
  for (let i = 0; i < out.length; i++) out[i] = (0.2126 * d[4 * i]! + 0.7152 * d[4 * i + 1]! + 0.0722 * d[4 * i + 2]!) / 255;
  return out;
}

/** Window radius of the local measures: about 1/64 of the longest side. */
function windowRadius(w: number, h: number): number {
  return Math.max(2, Math.round(Math.max(w, h) / 64));
}

/**
 * Windowed RMS of the luma Laplacian and of its central-difference gradient,
 * over the same window, and the gradient energy at each pixel itself.
 */
function derivativeRms(y: Float32Array, w: number, h: number): { lap: Float32Array; grad: Float32Array; here: Float32Array } {
  const lap = new Float32Array(w * h);
  const here = new Float32Array(w * h);
  for (let j = 0; j < h; j++) {
    const up = (j > 0 ? j - 1 : j) * w;
    const down = (j < h - 1 ? j + 1 : j) * w;
    for (let i = 0; i < w; i++) {
      const p = j * w + i;
      const l = y[p - (i > 0 ? 1 : 0)]!;
      const r = y[p + (i < w - 1 ? 1 : 0)]!;
      const u = y[up + i]!;
      const d = y[down + i]!;
      lap[p] = (u + d + l + r - 4 * y[p]!) ** 2;
      here[p] = (r - l) ** 2 + (d - u) ** 2;
    }
  }
  const rms = (e: Float32Array) => {
    const out = blur(e, w, h, windowRadius(w, h));
    // Running sums can leave a flat window a hair below zero.
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(Math.max(0, out[i]!));
    return out;
  };
  return { lap: rms(lap), grad: rms(here), here };
}

/** Derivatives of luma after a 3×3 box blur, which keeps pixel noise from passing for detail. */
function focusMeasures(img: RgbaImage): ReturnType<typeof derivativeRms> {
  return derivativeRms(blur(luma(img), img.width, img.height, 1), img.width, img.height);
}

/** Local focus: RMS Laplacian of luma over a window, 1 at the sharpest percentile. */
export function sharpness(img: RgbaImage): Plane {
  const { lap } = focusMeasures(img);
  return plane(img.width, img.height, normalise(lap, quantile(lap, 0.99)));
}

/**
 * `sharpness` when the photo has a shallow depth of field, else null. Flat
 * areas (sky, walls) lack detail without being out of focus, so only edges
 * vote: pixels with structure whose own gradient is at least their window's,
 * so the window is centred on the edge and holds its whole profile. Each votes
 * its Laplacian-to-gradient ratio, which falls as 1/σ under a blur of σ px
 * and does not depend on contrast. Shallow focus is a wide spread of ratios:
 * the 5th percentile under FOCUS_SPREAD times the 95th.
 */
export function focusCue(img: RgbaImage): Plane | null {
  const { width: w, height: h } = img;
  const { lap, grad, here } = focusMeasures(img);
  const ratios = new Float32Array(w * h);
  let voters = 0;
  for (let i = 0; i < grad.length; i++) if (grad[i]! >= MIN_STRUCTURE && here[i]! >= grad[i]! ** 2) ratios[voters++] = lap[i]! / grad[i]!;
  const votes = ratios.subarray(0, voters);
  if (voters < MIN_VOTERS * w * h || quantile(votes, 0.05) > FOCUS_SPREAD * quantile(votes, 0.95)) return null;
  return plane(w, h, normalise(lap, quantile(lap, 0.99)));
}

/** Gaussian centre bias, 1 at the centre. */
export function centrePrior(width: number, height: number): Plane {
  const bell = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.exp(-0.5 * (((i + 0.5) / n - 0.5) / CENTRE_SIGMA) ** 2));
  const gx = bell(width);
  const gy = bell(height);
  const out = new Float32Array(width * height);
  for (let j = 0; j < height; j++) for (let i = 0; i < width; i++) out[j * width + i] = gx[i]! * gy[j]!;
  return plane(width, height, out);
}

/**
 * Colour contrast (weight 0.6) plus sharpness (0.4) when the photo has a
 * shallow depth of field, else colour contrast alone; then scaled by the
 * centre prior (CENTRE_FLOOR..1) and normalised to a peak of 1.
 */
export function saliency(img: RgbaImage, focus: Plane | null = focusCue(img)): Plane {
  const colour = colourContrast(img).data;
  const centre = centrePrior(img.width, img.height).data;
  const out = new Float32Array(colour.length);
  for (let i = 0; i < out.length; i++) {
    const cue = focus ? W_COLOUR * colour[i]! + W_FOCUS * focus.data[i]! : colour[i]!;
    out[i] = cue * (CENTRE_FLOOR + (1 - CENTRE_FLOOR) * centre[i]!);
  }
  return plane(img.width, img.height, normalise(out, maxOf(out)));
}

/** 1 where data ≥ t (or, inverted, where data < t), else 0. */
export function threshold(data: ArrayLike<number>, t: number, invert = false): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < out.length; i++) out[i] = data[i]! >= t !== invert ? 1 : 0;
  return out;
}

/** Connected components of a binary mask, 8-connected (or 4 with diagonal false): labels 1..count, 0 outside. */
export function labelComponents(mask: ArrayLike<number>, w: number, h: number, diagonal = true): { labels: Int32Array; count: number } {
  const labels = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let count = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    labels[start] = ++count;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % w;
      const y = (p - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if ((!diagonal && dx !== 0 && dy !== 0) || nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (mask[q] && !labels[q]) {
            labels[q] = count;
            stack[top++] = q;
          }
        }
      }
    }
  }
  return { labels, count };
}

/** Otsu's threshold (maximum between-class variance) of values in 0..peak. */
function otsu(data: Float32Array, peak: number): number {
  const bins = new Float64Array(256);
  for (const v of data) bins[Math.min(255, Math.floor((v / peak) * 256))]!++;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * bins[i]!;
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVar = -1;
  for (let t = 0; t < 255; t++) {
    below += bins[t]!;
    sumBelow += t * bins[t]!;
    const above = data.length - below;
    if (below === 0 || above === 0) continue;
    const diff = sumBelow / below - (sumAll - sumBelow) / above;
    const between = below * above * diff * diff;
    if (between > bestVar) { bestVar = between; best = t; }
  }
  return ((best + 1) / 256) * peak;
}

/** Sets enclosed background (4-connected, not reaching the border) to foreground, in place. */
function fillHoles(fg: Uint8Array, w: number, h: number): void {
  const { labels, count } = labelComponents(threshold(fg, 1, true), w, h, false);
  const open = new Uint8Array(count + 1);
  for (let i = 0; i < w; i++) open[labels[i]!] = open[labels[(h - 1) * w + i]!] = 1;
  for (let j = 0; j < h; j++) open[labels[j * w]!] = open[labels[j * w + w - 1]!] = 1;
  for (let i = 0; i < fg.length; i++) if (!open[labels[i]!]) fg[i] = 1;
}

/**
 * A soft subject mask from saliency: Otsu threshold, keep the component
 * holding the most saliency and any other with a good share of it (specks go)
 * unless it runs along two image edges, fill holes, and soften the edge over
 * about a pixel each side.
 */
export function subjectFromSaliency(sal: Plane): Plane {
  const { width: w, height: h, data } = sal;
  const peak = maxOf(data);
  if (peak === 0) return plane(w, h);
  const t = Math.max(otsu(data, peak), MIN_THRESHOLD * peak);
  const { labels, count } = labelComponents(threshold(data, t), w, h);
  const mass = new Float64Array(count + 1);
  for (let i = 0; i < data.length; i++) mass[labels[i]!]! += data[i]!;
  mass[0] = 0;
  let strongest = 0;
  for (let c = 1; c <= count; c++) if (mass[c]! > mass[strongest]!) strongest = c;
  // Which image edges each component touches (a bit per edge): one spread along two edges is scenery, not a subject.
  const edges = new Uint8Array(count + 1);
  for (let i = 0; i < w; i++) { edges[labels[i]!]! |= 1; edges[labels[(h - 1) * w + i]!]! |= 2; }
  for (let j = 0; j < h; j++) { edges[labels[j * w]!]! |= 4; edges[labels[j * w + w - 1]!]! |= 8; }
  const keep = new Uint8Array(count + 1);
  for (let c = 1; c <= count; c++) {
    const scenery = [1, 2, 4, 8].filter((bit) => edges[c]! & bit).length >= 2;
    keep[c] = c === strongest || (mass[c]! >= KEEP_FRACTION * mass[strongest]! && !scenery) ? 1 : 0;
  }
  const fg = new Uint8Array(w * h);
  for (let i = 0; i < fg.length; i++) fg[i] = keep[labels[i]!]!;
  fillHoles(fg, w, h);
  return plane(w, h, blur(new Float32Array(fg), w, h, 1));
}
