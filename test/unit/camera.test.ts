import { describe, expect, it } from 'vitest';
import { disparity, focalPlanePoint, projectToOutput, shiftPoint, viewToOutput } from '../../engine/motion/camera';
import type { CameraPose } from '../../engine/motion/types';

const image = { width: 800, height: 600 };
const out = { width: 400, height: 300 };
const view = { cx: 420, cy: 290, w: 600, h: 450 };
const pose = (x: number, y: number, z: number): CameraPose => ({ view, shift: { x, y, z } });

describe('camera geometry', () => {
  it('is the 2D crop when the camera does not move, at every depth', () => {
    const scene = { strength: 0.5, focusDepth: 0.3 };
    for (const d of [0, 0.3, 1]) expect(projectToOutput(pose(0, 0, 0), scene, image, out, 250, 100, d)).toEqual(viewToOutput(view, out, 250, 100));
  });

  it('moves the focal plane by the shift, nearer layers more and farther ones less', () => {
    const scene = { strength: 0.5, focusDepth: 0.5 };
    const at = (d: number) => shiftPoint(pose(10, 0, 0), image, 300, 200, disparity(d, scene)).x;
    expect(at(0.5)).toBeCloseTo(290);
    expect(at(1)).toBeCloseTo(300 - 10 * 1.25);
    expect(at(0)).toBeCloseTo(300 - 10 * 0.75);
  });

  it('magnifies about the centre when moving forward', () => {
    expect(shiftPoint(pose(0, 0, 0.2), image, 500, 300, 1)).toEqual({ x: 400 + 100 / 0.8, y: 300 });
  });

  it('undoes shiftPoint on the focal plane', () => {
    const p = pose(12.5, -7, 0.15);
    const moved = shiftPoint(p, image, 333.3, 121.7, 1);
    const back = focalPlanePoint(p, image, moved.x, moved.y);
    expect(back.x).toBeCloseTo(333.3, 9);
    expect(back.y).toBeCloseTo(121.7, 9);
  });
});
