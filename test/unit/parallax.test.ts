import { describe, expect, it } from 'vitest';
import { projectToOutput } from '../../engine/motion/camera';
import { coveredRect, fitStrength, parallaxBudget, parallaxDisplacement } from '../../engine/motion/parallax';
import type { CameraPose, DepthScene } from '../../engine/motion/types';

const image = { width: 900, height: 600 };
const view = { cx: 450, cy: 300, w: 800, h: 450 };
const pose = (x: number, y: number, z: number): CameraPose => ({ view, shift: { x, y, z } });

/** The displacement measured the slow way: many points at many depths, in picture-plane pixels (an output the size of the view). */
function sampled(p: CameraPose, scene: DepthScene): number {
  const out = { width: view.w, height: view.h };
  let most = 0;
  for (let i = 0; i <= 10; i++) {
    for (let j = 0; j <= 10; j++) {
      const x = (i / 10) * image.width;
      const y = (j / 10) * image.height;
      // A flat scene puts every point on the focal plane.
      const onFocal = projectToOutput(p, { strength: 0, focusDepth: 0 }, image, out, x, y, 0);
      for (let k = 0; k <= 10; k++) {
        const q = projectToOutput(p, scene, image, out, x, y, k / 10);
        most = Math.max(most, Math.hypot(q.x - onFocal.x, q.y - onFocal.y));
      }
    }
  }
  return most;
}

describe('parallaxDisplacement', () => {
  it('is zero without a shift, or in a flat scene', () => {
    expect(parallaxDisplacement(pose(0, 0, 0), { strength: 0.8, focusDepth: 0.3 }, image)).toBe(0);
    expect(parallaxDisplacement(pose(30, -20, 0.2), { strength: 0, focusDepth: 0.3 }, image)).toBeCloseTo(0, 9);
  });

  it('slides layers by the sideways shift times their disparity offset', () => {
    // strength 0.5, focus depth 0.4: disparities 0.8 (far) to 1.3 (near); the near layer slides 0.3 × |shift|.
    const scene = { strength: 0.5, focusDepth: 0.4 };
    expect(parallaxDisplacement(pose(30, 40, 0), scene, image)).toBeCloseTo(50 * 0.3, 9);
  });

  it('is exact: the largest of any point at any depth, reached at a corner', () => {
    for (const [p, scene] of [
      [pose(12, -7, 0.15), { strength: 0.6, focusDepth: 0.7 }],
      [pose(-20, 5, -0.1), { strength: 0.3, focusDepth: 0.2 }],
      [pose(0, 0, 0.25), { strength: 0.8, focusDepth: 0.5 }],
    ] as const) {
      const exact = parallaxDisplacement(p, scene, image);
      expect(exact).toBeGreaterThan(1);
      expect(sampled(p, scene)).toBeCloseTo(exact, 6);
    }
  });
});

describe('coveredRect', () => {
  it('is the image when the camera has not moved', () => {
    expect(coveredRect(pose(0, 0, 0), { strength: 0.8, focusDepth: 0.5 }, image)).toEqual({ x: 0, y: 0, w: 900, h: 600 });
  });

  it('is what every layer covers after a sideways shift', () => {
    // Layers at disparity q shift by -10·q: 0.8 (far) to 1.3 (near).
    const r = coveredRect(pose(10, 0, 0), { strength: 0.5, focusDepth: 0.4 }, image);
    expect(r.x).toBeCloseTo(-8, 9);
    expect(r.x + r.w).toBeCloseTo(900 - 13, 9);
    expect(r.y).toBe(0);
    expect(r.h).toBe(600);
  });

  it('no depth within it shows past the picture edge', () => {
    const p = pose(-15, 9, 0.2);
    const scene = { strength: 0.7, focusDepth: 0.35 };
    const r = coveredRect(p, scene, image);
    const out = { width: view.w, height: view.h };
    const identity = { ...p, view: { cx: view.w / 2, cy: view.h / 2, w: view.w, h: view.h } };
    for (let k = 0; k <= 20; k++) {
      const tl = projectToOutput(identity, scene, image, out, 0, 0, k / 20);
      const br = projectToOutput(identity, scene, image, out, image.width, image.height, k / 20);
      expect(tl.x).toBeLessThanOrEqual(r.x + 1e-9);
      expect(tl.y).toBeLessThanOrEqual(r.y + 1e-9);
      expect(br.x).toBeGreaterThanOrEqual(r.x + r.w - 1e-9);
      expect(br.y).toBeGreaterThanOrEqual(r.y + r.h - 1e-9);
    }
  });
});

describe('budget and strength', () => {
  it('allows MAX_PARALLAX of the longest side, scaled by intensity', () => {
    expect(parallaxBudget(image, 1)).toBeCloseTo(36, 12);
    expect(parallaxBudget({ width: 600, height: 1000 }, 0.5)).toBeCloseTo(20, 12);
    expect(parallaxBudget(image, 0)).toBe(0);
  });

  it('finds the largest strength within the budget', () => {
    const poses = [pose(0, 0, 0.2), pose(40, 0, 0)];
    const strength = fitStrength(0.8, 20, poses, 0.6, image);
    expect(strength).toBeGreaterThan(0.05);
    expect(strength).toBeLessThan(0.8);
    const worst = (s: number) => Math.max(...poses.map((p) => parallaxDisplacement(p, { strength: s, focusDepth: 0.6 }, image)));
    expect(worst(strength)).toBeLessThanOrEqual(20);
    expect(worst(strength)).toBeCloseTo(20, 6);
    expect(fitStrength(0.8, 1000, poses, 0.6, image)).toBe(0.8);
  });
});
