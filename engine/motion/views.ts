// View geometry shared by framing and templates: sizes, scaling and the
// interpolation of one view into another. Views are in source pixels.
import type { Point } from '../analysis/types';
import type { CameraPose, Rect, Size, View } from './types';

/** The largest size with the output's aspect ratio that fits inside `bounds`. */
export function coverSize(bounds: Size, out: Size): { w: number; h: number } {
  const aspect = out.width / out.height;
  const w = Math.min(bounds.width, bounds.height * aspect);
  return { w, h: w / aspect };
}

/** The view scaled by r about a fixed point: the point keeps its place in the output. */
export function scaleAbout(view: View, at: Point, r: number): View {
  return { cx: at.x + (view.cx - at.x) * r, cy: at.y + (view.cy - at.y) * r, w: view.w * r, h: view.h * r };
}

/**
 * The view at t (0..1) on the way from a to b (same aspect). Sizes change
 * geometrically, for a constant perceived zoom speed, about the one fixed
 * point that takes a to b: a pure zoom has no sideways drift, and every edge
 * moves monotonically from a's to b's, so if both are inside a rectangle
 * every view between them is too. Equal sizes give a straight glide.
 */
export function glide(a: View, b: View, t: number): View {
  const lambda = Math.log(a.w / b.w);
  // (1 - Z^-t) / (1 - Z^-1) with Z = a.w / b.w, written with expm1 so it tends smoothly to t as Z → 1.
  const k = lambda === 0 ? t : Math.expm1(-lambda * t) / Math.expm1(-lambda);
  const r = Math.exp(-lambda * t);
  return { cx: a.cx + (b.cx - a.cx) * k, cy: a.cy + (b.cy - a.cy) * k, w: a.w * r, h: a.h * r };
}

/** The rectangle shrunk by dx on the left and right and dy at the top and bottom. */
export function inset(rect: Rect, dx: number, dy: number): Rect {
  return { x: rect.x + dx, y: rect.y + dy, w: rect.w - 2 * dx, h: rect.h - 2 * dy };
}

export function imageRect(image: Size): Rect {
  return { x: 0, y: 0, w: image.width, h: image.height };
}

/**
 * The 2D view that shows a flat picture (every point on the focal plane)
 * exactly as the pose does: camera.ts maps a focal-plane point x to
 * c + (x - c - s) / (1 - z), a similarity this inverts. It lets moves without
 * depth render as plain 2D moves.
 */
export function flatView(pose: CameraPose, image: Size): View {
  const { view, shift } = pose;
  const k = 1 - shift.z;
  const cx = image.width / 2;
  const cy = image.height / 2;
  return { cx: cx + (view.cx - cx) * k + shift.x, cy: cy + (view.cy - cy) * k + shift.y, w: view.w * k, h: view.h * k };
}
