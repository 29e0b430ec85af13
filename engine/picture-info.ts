// What the planner may know of the picture, from the analysis, in the decoded
// image's pixels (the analysis ran on a smaller copy). Stays in the worker.
import type { Analysis } from './analysis/analyse';
import type { FaceBox, Plane, Point } from './analysis/types';
import type { PictureInfo, Rect, Size } from './motion/types';

/** Mask pixels counted as subject. */
const SUBJECT = 0.5;
/** Share of subject pixels ignored at each end of each axis: a few stray specks must not stretch the box. */
const TRIM = 0.01;

/** The box holding the subject's pixels, trimmed of outliers; null when there is (almost) no subject. */
export function subjectBox(mask: Plane): Rect | null {
  const { width, height, data } = mask;
  const cols = new Float64Array(width);
  const rows = new Float64Array(height);
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < SUBJECT) continue;
      cols[x] = cols[x]! + 1;
      rows[y] = rows[y]! + 1;
      total++;
    }
  }
  if (total < 0.001 * width * height) return null;
  const span = (counts: Float64Array): [number, number] => {
    let lo = 0;
    for (let seen = 0; seen + counts[lo]! <= TRIM * total; lo++) seen += counts[lo]!;
    let hi = counts.length - 1;
    for (let seen = 0; seen + counts[hi]! <= TRIM * total; hi--) seen += counts[hi]!;
    return [lo, hi + 1];
  };
  const [x0, x1] = span(cols);
  const [y0, y1] = span(rows);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function union(boxes: Rect[]): Rect {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Bilinear sample of a plane at continuous pixel coordinates (pixel centres at k + 0.5), clamped to its edges. */
export function samplePlane(plane: Plane, x: number, y: number): number {
  const fx = Math.min(Math.max(x - 0.5, 0), plane.width - 1);
  const fy = Math.min(Math.max(y - 0.5, 0), plane.height - 1);
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(x0 + 1, plane.width - 1);
  const y1 = Math.min(y0 + 1, plane.height - 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (i: number, j: number) => plane.data[j * plane.width + i]!;
  const top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * tx;
  const bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * tx;
  return top + (bottom - top) * ty;
}

/**
 * What the planner knows of the picture as plain data (no closures), so it can
 * be posted to the segment workers, which plan the same clip from it.
 */
export interface PictureFacts {
  focus: Point;
  keep: Rect | null;
  face: Rect | null;
  depth: Plane;
  /** Decoded-image pixels per analysis pixel, on each axis. */
  scale: Point;
}

export function pictureFacts(analysis: Analysis, image: Size): PictureFacts {
  const sx = image.width / analysis.width;
  const sy = image.height / analysis.height;
  const scale = (r: Rect): Rect => ({ x: r.x * sx, y: r.y * sy, w: r.w * sx, h: r.h * sy });
  const faces = analysis.faces.map((f: FaceBox) => scale(f));
  const largest = faces.reduce<Rect | null>((best, f) => (!best || f.w * f.h > best.w * best.h ? f : best), null);
  const subject = subjectBox(analysis.mask);
  return {
    focus: { x: analysis.focus.x * sx, y: analysis.focus.y * sy },
    keep: faces.length > 0 ? union(faces) : subject ? scale(subject) : null,
    face: largest,
    depth: analysis.depth,
    scale: { x: sx, y: sy },
  };
}

export function pictureInfoFrom(facts: PictureFacts): PictureInfo {
  const { focus, keep, face, depth, scale } = facts;
  return { focus, keep, face, depthAt: (x, y) => samplePlane(depth, x / scale.x, y / scale.y) };
}

export const pictureInfo = (analysis: Analysis, image: Size): PictureInfo => pictureInfoFrom(pictureFacts(analysis, image));
