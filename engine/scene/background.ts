// The scene's layers, prepared once per image from the analysis: where the
// camera can look behind a subject's edge (the hole), what depth and colour
// the background has there. The layered renderer draws the torn foreground
// over this background, so a reveal shows plausible background, never a gap
// or a copy of the subject's edge.
import type { Plane, RgbaImage } from '../analysis/types';
import { MAX_PARALLAX } from '../motion/types';
import { inpaint } from './inpaint';
import { movingMin } from './moving-min';
import { nearestSeed } from './nearest';
import type { SceneLayers } from './types';

/**
 * The least depth step (0..1) that makes a hole. Templates keep any point's
 * move relative to the focal plane within MAX_PARALLAX of the longest side, so
 * a step this small reveals about MAX_PARALLAX × HOLE_STEP of it (twice that
 * if the focal plane lies between its sides): 1.6 to 3.3 px at 1024 px, which
 * the foreground mesh covers by stretching. The renderer should tear only at
 * steps at least this big, so every tear has a hole behind it.
 */
export const HOLE_STEP = 0.04;
/** Pixels beyond the parallax band, for the reveal's sub-pixel sampling and the renderer's mesh spacing. */
const BAND_MARGIN = 2;
/** Known pixels this close to the hole are not used to fill it: a soft depth edge there would halo. */
const EDGE_RING = 2;
/**
 * Nor are pixels with this much subject in them: a soft matte reaches
 * further than the depth step (measured on the fixtures' analyses at 512 px,
 * half its 0.03–0.5 pixels lie 3 to 20 px beyond the hole).
 */
const MASK_HALO = 0.05;
/**
 * How far (px) a steep pixel looks for a flat neighbour: a depth step, however
 * soft, has one within its own width, a ground plane has none. Edges come out
 * of the analysis's 512 px working size a couple of its pixels soft; the ground
 * within this of a subject sees the subject's flat side and joins the hole,
 * which costs nothing there: no tear ever shows the background under it.
 */
function slopeRadius(width: number, height: number): number {
  return Math.ceil(Math.max(width, height) / 256) + 1;
}

/** Pixels from a depth edge within which the camera can reveal what is behind it. */
export function bandRadius(width: number, height: number): number {
  return Math.ceil(MAX_PARALLAX * Math.max(width, height)) + BAND_MARGIN;
}

/**
 * |∂d/∂x| + |∂d/∂y| of the depth, each a central difference averaged over
 * the three rows or columns across it (Sobel's smoothing): how steep the
 * surface is, a little spared a depth model's pixel noise. Edges repeat.
 */
function slope(depth: Plane): Float32Array {
  const { width: w, height: h, data: d } = depth;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = Math.max(y - 1, 0) * w;
    const row = y * w;
    const down = Math.min(y + 1, h - 1) * w;
    for (let x = 0; x < w; x++) {
      const l = Math.max(x - 1, 0);
      const r = Math.min(x + 1, w - 1);
      const gx = d[up + r]! - d[up + l]! + 2 * (d[row + r]! - d[row + l]!) + d[down + r]! - d[down + l]!;
      const gy = d[down + l]! - d[up + l]! + 2 * (d[down + x]! - d[up + x]!) + d[down + r]! - d[up + r]!;
      out[row + x] = (Math.abs(gx) + Math.abs(gy)) / 8;
    }
  }
  return out;
}

/**
 * The surface's own slope at each pixel, for telling a slope from a step: the
 * least of `slope` within slopeRadius, capped at the steepest ground plane a
 * photo shows, the full depth range over a third of its shorter side:
 * anything steeper is an edge, however soft.
 */
function surfaceSlope(depth: Plane): Float32Array {
  const steepness = slope(depth);
  const radius = slopeRadius(depth.width, depth.height);
  const least = movingMin({ width: depth.width, height: depth.height, data: steepness }, radius, steepness).data;
  const cap = 3 / Math.min(depth.width, depth.height);
  for (let i = 0; i < least.length; i++) least[i] = Math.min(least[i]!, cap);
  return least;
}

/**
 * The depth of the farthest surface within r of each pixel, as seen from it,
 * into `dst`: the window's minimum, raised by what the pixel's own slope
 * explains. On a plane of slope g the square window's minimum lies r·g lower
 * (g in the L1 sense) with no edge at all: a receding ground plane is no edge,
 * even beside a subject, while on a subject's flat side the far side counts in full.
 */
function farDepth(depth: Plane, surface: Float32Array, r: number, dst: Float32Array): Float32Array {
  movingMin(depth, r, dst);
  for (let i = 0; i < dst.length; i++) dst[i] = Math.min(depth.data[i]!, dst[i]! + r * surface[i]!);
  return dst;
}

/**
 * The layers for the picture and its analysis (depth and mask at the
 * picture's size). Within one band of a depth step, the near side is the hole;
 * its background depth is the far side's, and its colour is filled from the
 * background beside it, never from the subject (pixels on the near side of
 * any step within three bands, the ring at the hole's edge and the subject's
 * matte are not used).
 * Planes are reused as scratch once done with: each new one costs page faults.
 */
export function prepareScene(pixels: RgbaImage, analysis: { depth: Plane; mask: Plane }): SceneLayers {
  const { width, height } = pixels;
  const n = width * height;
  const { depth, mask } = analysis;
  const d = depth.data;
  const band = bandRadius(width, height);
  const plane = (data: Float32Array): Plane => ({ width, height, data });

  const surface = surfaceSlope(depth);
  const scratch = farDepth(depth, surface, band, new Float32Array(n));
  const hole = new Float32Array(n);
  for (let i = 0; i < n; i++) hole[i] = d[i]! - scratch[i]! > HOLE_STEP ? 1 : 0;

  const layers = (colour: RgbaImage, backgroundDepth: Float32Array): SceneLayers => ({
    width,
    height,
    depth,
    mask,
    background: { colour, depth: plane(backgroundDepth) },
    hole: plane(hole),
  });
  if (!hole.includes(1)) return layers({ width, height, data: new Uint8ClampedArray(pixels.data) }, new Float32Array(d));

  // Three bands from a step, the near side: the subject, never a source of background.
  const farWide = farDepth(depth, surface, 3 * band, new Float32Array(n));
  const toHole = nearestSeed(hole, width, height);
  const distance = surface;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const qx = toHole[i]! % width;
      const dx = x - qx;
      const dy = y - (toHole[i]! - qx) / width;
      distance[i] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  // The fill's sources: the far side within one band of the hole, but for the ring at its edge and the matte.
  const known = scratch;
  let anyKnown = false;
  for (let i = 0; i < n; i++) {
    const r = distance[i]!;
    known[i] = r > EDGE_RING && r <= band && mask.data[i]! <= MASK_HALO && d[i]! - farWide[i]! <= HOLE_STEP ? 1 : 0;
    anyKnown ||= known[i] === 1;
  }
  // A picture that is all near sides (not a photograph) is filled from whatever is not hole.
  if (!anyKnown) for (let i = 0; i < n; i++) known[i] = 1 - hole[i]!;
  const filled = inpaint(pixels, depth, known, hole);

  // The background takes the depth completed from the far side: all of it in the hole,
  // easing back to the picture's over two bands from it; never nearer than the picture.
  // Known pixels complete to their own depth, so the far side keeps it; no step to tear at.
  const backgroundDepth = new Float32Array(d);
  for (let i = 0; i < n; i++) {
    const blend = 1 - distance[i]! / (2 * band);
    if (blend > 0) backgroundDepth[i] = d[i]! + blend * (Math.min(d[i]!, filled.depthAt(i)) - d[i]!);
  }
  return layers(filled.colour, backgroundDepth);
}
