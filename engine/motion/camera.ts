// The camera's geometry, one formula shared by the planner, the CPU reference
// renderer, the tests and (in GLSL) the GPU renderer: where a source pixel at
// a given depth lands in the output for a pose.
import type { CameraPose, DepthScene, Size, View } from './types';

/** Disparity of a depth (1 = the focal plane). Clamped away from 0 so nothing goes behind the camera. */
export function disparity(depth: number, scene: DepthScene): number {
  return Math.max(0.05, 1 + scene.strength * (depth - scene.focusDepth));
}

/**
 * Where the source point (x, y) at disparity q appears on the picture plane of
 * the shifted camera, still in source pixels: the plane is then cropped by the
 * view. A point at (X, Y, Z) = ((x - cx)/q, (y - cy)/q, 1/q) about the image
 * centre, seen from (sx, sy, sz), projects to c + ((x - c) - s·q) / (1 - sz·q).
 */
export function shiftPoint(pose: CameraPose, image: Size, x: number, y: number, q: number): { x: number; y: number } {
  const { x: sx, y: sy, z: sz } = pose.shift;
  const cx = image.width / 2;
  const cy = image.height / 2;
  const k = 1 / (1 - sz * q);
  return { x: cx + (x - cx - sx * q) * k, y: cy + (y - cy - sy * q) * k };
}

/** The source point that a picture-plane point of a pose shows on the focal plane (the inverse of shiftPoint at disparity 1). */
export function focalPlanePoint(pose: CameraPose, image: Size, x: number, y: number): { x: number; y: number } {
  const { x: sx, y: sy, z: sz } = pose.shift;
  const cx = image.width / 2;
  const cy = image.height / 2;
  return { x: cx + (x - cx) * (1 - sz) + sx, y: cy + (y - cy) * (1 - sz) + sy };
}

/** Picture-plane point (source pixels) → output pixel coordinates (continuous; the output's top-left corner is 0, 0). */
export function viewToOutput(view: View, out: Size, x: number, y: number): { x: number; y: number } {
  return {
    x: (x - (view.cx - view.w / 2)) * (out.width / view.w),
    y: (y - (view.cy - view.h / 2)) * (out.height / view.h),
  };
}

/** Where a source point at a depth lands in the output. */
export function projectToOutput(pose: CameraPose, scene: DepthScene, image: Size, out: Size, x: number, y: number, depth: number): { x: number; y: number } {
  const p = shiftPoint(pose, image, x, y, disparity(depth, scene));
  return viewToOutput(pose.view, out, p.x, p.y);
}
