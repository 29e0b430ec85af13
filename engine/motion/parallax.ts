// How far a 3D move makes the picture's depths slide against each other, and
// what of the picture plane every depth still covers: templates size their
// moves and views with these, and the tests check every frame against them.
import { disparity, shiftPoint } from './camera';
import { MAX_PARALLAX, type CameraPose, type DepthScene, type Rect, type Size } from './types';

/** Disparities of the farthest (depth 0) and nearest (depth 1) points; the focal plane is 1. */
function disparities(scene: DepthScene): number[] {
  return [disparity(0, scene), 1, disparity(1, scene)];
}

function corners(image: Size): [number, number][] {
  return [
    [0, 0],
    [image.width, 0],
    [0, image.height],
    [image.width, image.height],
  ];
}

/**
 * The largest distance, in picture-plane source pixels, between where any
 * point of the picture at any depth lands and where the same source point on
 * the focal plane lands: how far the camera makes layers slide, so how much
 * it can reveal behind an edge. Exact: for one disparity the distance is
 * affine in the source point (so largest at a corner), and along the depths
 * it grows monotonically away from the focal plane (so largest at depth 0 or 1).
 */
export function parallaxDisplacement(pose: CameraPose, scene: DepthScene, image: Size): number {
  let most = 0;
  for (const [x, y] of corners(image)) {
    const onFocal = shiftPoint(pose, image, x, y, 1);
    for (const q of disparities(scene)) {
      const p = shiftPoint(pose, image, x, y, q);
      most = Math.max(most, Math.hypot(p.x - onFocal.x, p.y - onFocal.y));
    }
  }
  return most;
}

/**
 * The part of the shifted camera's picture plane that the picture covers at
 * every depth: a view inside it never shows past the picture's edge. Each
 * edge moves monotonically with disparity, so the extreme depths bound it.
 */
export function coveredRect(pose: CameraPose, scene: DepthScene, image: Size): Rect {
  let left = -Infinity;
  let top = -Infinity;
  let right = Infinity;
  let bottom = Infinity;
  for (const q of disparities(scene)) {
    const a = shiftPoint(pose, image, 0, 0, q);
    const b = shiftPoint(pose, image, image.width, image.height, q);
    left = Math.max(left, a.x);
    top = Math.max(top, a.y);
    right = Math.min(right, b.x);
    bottom = Math.min(bottom, b.y);
  }
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/** The most a template's layers may slide: MAX_PARALLAX of the image's longest side, scaled by intensity. */
export function parallaxBudget(image: Size, intensity: number): number {
  return MAX_PARALLAX * Math.max(image.width, image.height) * intensity;
}

/**
 * The largest depth strength, up to `most`, at which none of the poses slides
 * the layers further than the budget. Displacement grows with strength (the
 * disparities spread), so bisection finds it.
 */
export function fitStrength(most: number, budget: number, poses: readonly CameraPose[], focusDepth: number, image: Size): number {
  const within = (strength: number) => poses.every((pose) => parallaxDisplacement(pose, { strength, focusDepth }, image) <= budget);
  if (within(most)) return most;
  let lo = 0;
  let hi = most;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
