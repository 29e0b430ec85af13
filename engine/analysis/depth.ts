// Layered depth (1 = nearest, 0 = farthest) at the analysis resolution, built
// from what ships, since no depth model does: a coarse scene layout from image
// cues, and the subject mask cut out in front of it as flat billboards, each
// at the depth of its ground contact (3D Ken Burns, Niklaus et al. 2019).
//
// Limits, by construction:
// - Subjects are flat billboards (plus a slight bulge at faces): no depth
//   inside a subject, no self-occlusion (an arm in front of a body is the body).
// - The scene is a ground plane below a horizon, with sky farthest: photos
//   shot from above, straight at a wall or with a tilted horizon get a wrong
//   layout, smooth enough to pass as a plain parallax.
// - Sky must be flat, blue (dusk blue too) or bright near-white, and touch the
//   top edge; a sunset's orange or a textured sky reads as distant scenery.
// - A subject cut by the bottom edge stands on the nearest ground; one that
//   floats (a bird, a lamp) is placed by the ground below it all the same.
import { boxBlur } from './guided-upsample';
import { fitTransform, planeToImage } from './letterbox';
import { focusCue, labelComponents, threshold } from './saliency';
import type { FaceBox, Plane, RgbaImage } from './types';

/** Scene cue weights for a shallow depth-of-field photo (blur says far); otherwise the ground prior alone. */
const W_GROUND = 0.6;
const W_FOCUS = 0.4;
/** Depth of what stands above the horizon and is not sky (buildings, trees): far, in front of the sky. */
const ABOVE_HORIZON = 0.1;
/** Horizon, from the top, as a fraction of the height when no sky shows: eye-level shots. */
const DEFAULT_HORIZON = 0.45;
/** The background is squeezed into 0..BG_RANGE so that subjects fit in front of it. */
const BG_RANGE = 0.75;
/** How much nearer than its ground contact (and than anything behind it) a subject stands. */
const MARGIN = 0.15;
/** A face stands this much proud of its billboard at its centre: some roundness where people look. */
const FACE_BULGE = 0.04;
/** Subject components smaller than this fraction of the image are specks, unless a face is on them. */
const MIN_LAYER_FRACTION = 0.002;
/** Mask pieces closer than this fraction of the longest side make one layer. */
const JOIN = 1 / 40;
/** How far (px) the layer's depth reaches out into the soft edge of the mask. */
const EDGE_REACH = 4;
/** The coarse grid of the scene layout has about this many cells along the longest side. */
const GRID_CELLS = 64;

export interface SceneCues {
  /** `focusCue`'s result (sharpness, or null when the photo is not shallow-focus); computed when absent. */
  focus?: Plane | null;
  /** Pixels to leave out (0..1), such as a subject in front: the scene behind them is filled in from around. */
  exclude?: Plane;
}

/** A coarse grid spanning the image exactly: pixel column x falls in cell column cols[x], row y in rows[y]. */
interface Grid {
  gw: number;
  gh: number;
  cols: Int32Array;
  rows: Int32Array;
}

function gridFor(w: number, h: number): Grid {
  const size = Math.max(4, Math.max(w, h) / GRID_CELLS);
  const gw = Math.max(1, Math.round(w / size));
  const gh = Math.max(1, Math.round(h / size));
  return { gw, gh, cols: Int32Array.from({ length: w }, (_, x) => Math.floor((x * gw) / w)), rows: Int32Array.from({ length: h }, (_, y) => Math.floor((y * gh) / h)) };
}

/** Bilinear upsampling of grid values (at cell centres) to the image. */
function upsample(g: Float32Array, { gw, gh }: Grid, w: number, h: number): Float32Array {
  return planeToImage({ width: gw, height: gh, data: g }, fitTransform(w, h, gw, gh, 'stretch'), w, h).data;
}

/**
 * Weighted 3×3 sums of v·wt and wt, `passes` times (a normalised convolution),
 * so cells left out take their neighbours' values; cells out of reach (deep
 * inside a large subject) take the weighted mean.
 */
function smoothFill(v: Float32Array, wt: Float32Array, { gw, gh }: Grid, passes: number): Float32Array {
  let vw = v.map((x, i) => x * wt[i]!);
  let ww = wt.slice();
  const sum3 = (src: Float32Array) =>
    src.map((_, c) => {
      const x = c % gw;
      const y = (c - x) / gw;
      let s = 0;
      for (let j = Math.max(0, y - 1); j <= Math.min(gh - 1, y + 1); j++)
        for (let i = Math.max(0, x - 1); i <= Math.min(gw - 1, x + 1); i++) s += src[j * gw + i]!;
      return s;
    });
  const mean = vw.reduce((a, b) => a + b, 0) / Math.max(1e-9, ww.reduce((a, b) => a + b, 0));
  for (let pass = 0; pass < passes; pass++) [vw, ww] = [sum3(vw), sum3(ww)];
  return vw.map((x, c) => (ww[c]! > 1e-6 ? x / ww[c]! : mean));
}

/** Per-cell sums of r, g, b, luma, luma², pixels, weight kept (not excluded), and kept sharpness. */
const STATS = 8;

function cellStats(img: RgbaImage, { gw, gh, cols, rows }: Grid, exclude: Plane | undefined, focus: Plane | null): Float64Array {
  const { width: w, height: h, data: d } = img;
  const sums = new Float64Array(gw * gh * STATS);
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      const o = STATS * (rows[y]! * gw + cols[x]!);
      const [r, g, b] = [d[4 * p]! / 255, d[4 * p + 1]! / 255, d[4 * p + 2]! / 255];
      const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const keep = 1 - (exclude?.data[p] ?? 0);
      sums[o]! += r;
      sums[o + 1]! += g;
      sums[o + 2]! += b;
      sums[o + 3]! += l;
      sums[o + 4]! += l * l;
      sums[o + 5]! += 1;
      sums[o + 6]! += keep;
      if (focus) sums[o + 7]! += keep * focus.data[p]!;
    }
  }
  return sums;
}

/** Sky cells: flat, blue (or bright near-white), mostly not excluded, and joined to the top edge through such cells. */
function skyCells(stats: Float64Array, { gw, gh }: Grid): Uint8Array {
  const candidate = new Uint8Array(gw * gh);
  for (let c = 0; c < candidate.length; c++) {
    const o = STATS * c;
    const n = stats[o + 5]!;
    const [r, g, b, l] = [stats[o]! / n, stats[o + 1]! / n, stats[o + 2]! / n, stats[o + 3]! / n];
    const std = Math.sqrt(Math.max(0, stats[o + 4]! / n - l * l));
    const blue = b > r + 0.05 && b >= g - 0.02;
    const white = l > 0.7 && Math.max(r, g, b) - Math.min(r, g, b) < 0.12;
    // Blue may be dark (dusk); a grey must be bright to pass for overcast sky rather than a wall.
    candidate[c] = stats[o + 6]! >= 0.5 * n && std < 0.03 && ((blue && l > 0.12) || white) ? 1 : 0;
  }
  const { labels, count } = labelComponents(candidate, gw, gh, false);
  const top = new Uint8Array(count + 1);
  for (let i = 0; i < gw; i++) top[labels[i]!] = 1;
  const sky = new Uint8Array(labels.length);
  for (let c = 0; c < sky.length; c++) sky[c] = top[labels[c]!]! && labels[c]! > 0 ? 1 : 0;
  return sky;
}

/** Horizon y (px): the lower edge of the sky in most columns that show sky, else the eye-level default. */
function horizon(sky: Uint8Array, { gw, gh }: Grid, h: number): number {
  const bottoms: number[] = [];
  for (let x = 0; x < gw; x++) {
    let lowest = -1;
    for (let y = 0; y < gh; y++) if (sky[y * gw + x]) lowest = y;
    if (lowest >= 0) bottoms.push(((lowest + 1) * h) / gh);
  }
  if (bottoms.length < 0.1 * gw) return DEFAULT_HORIZON * h;
  // Trees and buildings cut the sky short; the open columns show the true horizon, so take a high percentile.
  bottoms.sort((a, b) => a - b);
  return Math.min(0.8 * h, bottoms[Math.floor(0.8 * (bottoms.length - 1))]!);
}

/**
 * The background's depth from scene cues: a ground plane below the horizon,
 * whose disparity grows linearly toward the bottom edge (as a flat floor's
 * does); sky at 0; and, in a shallow-focus photo, sharpness (W_FOCUS) blended
 * with the ground prior (W_GROUND). Cues are pooled on a coarse grid and
 * smoothed there, so the result has no pixel noise.
 */
export function sceneDepth(img: RgbaImage, cues: SceneCues = {}): Plane {
  const { width: w, height: h } = img;
  const grid = gridFor(w, h);
  const focus = cues.focus === undefined ? focusCue(img) : cues.focus;
  const stats = cellStats(img, grid, cues.exclude, focus);
  const cells = grid.gw * grid.gh;
  const known = Float32Array.from({ length: cells }, (_, c) => stats[STATS * c + 6]! / Math.max(1, stats[STATS * c + 5]!));
  const skyGrid = skyCells(stats, grid);
  const yh = horizon(skyGrid, grid, h);
  const sky = upsample(smoothFill(new Float32Array(skyGrid), known, grid, 2), grid, w, h);
  // Defocus changes slowly with distance, while sharpness also follows texture: smooth it much more than the sky.
  const sharp = Float32Array.from({ length: cells }, (_, c) => stats[STATS * c + 7]! / Math.max(1e-9, stats[STATS * c + 6]!));
  const far = focus ? upsample(smoothFill(sharp, known, grid, 8), grid, w, h) : null;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const ground = y + 0.5 <= yh ? ABOVE_HORIZON : ABOVE_HORIZON + ((1 - ABOVE_HORIZON) * (y + 0.5 - yh)) / (h - yh);
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      const cue = far ? W_GROUND * ground + W_FOCUS * far[p]! : ground;
      out[p] = (1 - sky[p]!) * cue;
    }
  }
  return { width: w, height: h, data: out };
}

/** The mask component a face covers most, or 0. */
function faceLayer(face: FaceBox, labels: Int32Array, w: number, h: number): number {
  const votes = new Map<number, number>();
  for (let y = Math.max(0, Math.floor(face.y)); y < Math.min(h, Math.ceil(face.y + face.h)); y++)
    for (let x = Math.max(0, Math.floor(face.x)); x < Math.min(w, Math.ceil(face.x + face.w)); x++) {
      const l = labels[y * w + x]!;
      if (l > 0) votes.set(l, (votes.get(l) ?? 0) + 1);
    }
  let best = 0;
  for (const [l, v] of votes) if (v > (votes.get(best) ?? 0)) best = l;
  return best;
}

/** Grows each layer's label up to EDGE_REACH px into the soft edge where it will show (mask > 0.25), nearest layer first. */
function reachIntoEdge(owner: Int32Array, soft: Float32Array, w: number, h: number): void {
  const queue = new Int32Array(w * h);
  const dist = new Uint8Array(w * h);
  let tail = 0;
  for (let p = 0; p < owner.length; p++) if (owner[p]) queue[tail++] = p;
  for (let head = 0; head < tail; head++) {
    const p = queue[head]!;
    if (dist[p]! >= EDGE_REACH) continue;
    const x = p % w;
    const y = (p - x) / w;
    for (let j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++)
      for (let i = Math.max(0, x - 1); i <= Math.min(w - 1, x + 1); i++) {
        const q = j * w + i;
        if (owner[q] || soft[q]! <= 0.25) continue;
        owner[q] = owner[p]!;
        dist[q] = dist[p]! + 1;
        queue[tail++] = q;
      }
  }
}

/**
 * The subject mask (soft, 0..1, at the image's size) split into layers, each a
 * billboard in front of `sceneDepth`'s background at the depth of its ground
 * contact (the background just below its lowest rows) plus MARGIN. The blend
 * at a layer's edge follows the soft mask, steepened around its 0.5 contour,
 * so the depth step sits on the mask edge with no halo. `layers` counts the
 * subject layers (0: background only). `focus` passes on a `focusCue` already
 * computed for `saliency`.
 */
export function layeredDepth(input: { image: RgbaImage; subject: Plane; faces: FaceBox[]; focus?: Plane | null }): { depth: Plane; layers: number } {
  const { image, subject, faces } = input;
  const { width: w, height: h } = image;
  if (subject.width !== w || subject.height !== h) throw new RangeError('layeredDepth: the subject mask must be the size of the image');
  const soft = subject.data;
  const bg = sceneDepth(image, { exclude: subject, focus: input.focus }).data;
  for (let p = 0; p < bg.length; p++) bg[p]! *= BG_RANGE;
  const core = threshold(soft, 0.5);
  // Pieces of one subject split by a shadow or a gap (a cup and its saucer) lie close: within JOIN px they are one layer.
  const join = Math.round(Math.max(w, h) * JOIN);
  const grown = boxBlur({ width: w, height: h, data: new Float32Array(core) }, join).data;
  const { labels, count } = labelComponents(threshold(grown, 0.5 / (2 * join + 1) ** 2), w, h);
  for (let p = 0; p < labels.length; p++) if (!core[p]) labels[p] = 0;
  const area = new Int32Array(count + 1);
  const lowest = new Int32Array(count + 1);
  const behind = new Float32Array(count + 1);
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      const l = labels[p]!;
      if (!l) continue;
      area[l]!++;
      lowest[l] = y;
      behind[l] = Math.max(behind[l]!, bg[p]!);
    }
  }
  const faceLayers = faces.map((f) => faceLayer(f, labels, w, h));
  const keep = new Uint8Array(count + 1);
  for (let l = 1; l <= count; l++) keep[l] = area[l]! >= MIN_LAYER_FRACTION * w * h || faceLayers.includes(l) ? 1 : 0;
  // Ground contact: the background two rows below the layer's lowest rows (its feet), over the columns they cover.
  const contact = new Float64Array(count + 1);
  const samples = new Float64Array(count + 1);
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      const l = labels[p]!;
      if (!keep[l] || y < lowest[l]! - 2) continue;
      contact[l]! += bg[Math.min(h - 1, lowest[l]! + 2) * w + x]!;
      samples[l]!++;
    }
  }
  const near = Float32Array.from(contact, (c, l) => (keep[l] ? Math.min(1, Math.max(c / samples[l]!, behind[l]!) + MARGIN) : 0));
  const owner = new Int32Array(labels.length);
  for (let p = 0; p < owner.length; p++) owner[p] = keep[labels[p]!] ? labels[p]! : 0;
  reachIntoEdge(owner, soft, w, h);
  const layer = new Float32Array(owner.length);
  for (let p = 0; p < owner.length; p++) layer[p] = near[owner[p]!]!;
  faces.forEach((f, k) => {
    const cx = f.x + f.w / 2;
    const cy = f.y + f.h / 2;
    for (let y = Math.max(0, Math.floor(f.y)); y < Math.min(h, Math.ceil(f.y + f.h)); y++)
      for (let x = Math.max(0, Math.floor(f.x)); x < Math.min(w, Math.ceil(f.x + f.w)); x++) {
        const r2 = ((x + 0.5 - cx) / (f.w / 2)) ** 2 + ((y + 0.5 - cy) / (f.h / 2)) ** 2;
        if (r2 < 1 && owner[y * w + x] === faceLayers[k] && faceLayers[k]) layer[y * w + x]! += FACE_BULGE * (1 - r2) ** 2;
      }
  });
  // The blend weight steepens the soft mask around its 0.5 contour: the step sits on the edge, no wider than the mask's own.
  for (let p = 0; p < bg.length; p++) {
    if (!owner[p]) continue;
    const a = Math.min(1, Math.max(0, (soft[p]! - 0.25) / 0.5));
    bg[p] = Math.min(1, bg[p]! * (1 - a) + layer[p]! * a);
  }
  return { depth: { width: w, height: h, data: bg }, layers: keep.reduce((n, k) => n + k, 0) };
}
