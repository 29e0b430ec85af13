import { describe, expect, it } from 'vitest';
import type { Plane } from '../../engine/analysis/types';
import { NO_EFFECTS, type CameraPose, type DepthScene, type FrameSpec } from '../../engine/motion/types';
import { stretchedShare } from '../../engine/scene/stretch';

const image = { width: 200, height: 100 };
const out = { width: 400, height: 200 };
const whole = { cx: 100, cy: 50, w: 200, h: 100 };

function frame(shift: CameraPose['shift'], depth: DepthScene = { strength: 0.8, focusDepth: 0.5 }, view = whole): FrameSpec {
  return { pose: { view, shift }, depth, effects: NO_EFFECTS, time: 0 };
}

function plane(width: number, height: number, value: (x: number) => number): Plane {
  return { width, height, data: Float32Array.from({ length: width * height }, (_, i) => value(i % width)) };
}

describe('stretchedShare', () => {
  it('finds nothing stretched on a flat layer, whatever the pose', () => {
    const poses = [
      frame({ x: 0, y: 0, z: 0 }),
      frame({ x: 60, y: -35, z: 0 }),
      frame({ x: -20, y: 10, z: 0.3 }, { strength: 0.8, focusDepth: 0.9 }),
      frame({ x: 5, y: 5, z: -0.3 }, { strength: 0.5, focusDepth: 0.1 }, { cx: 80, cy: 40, w: 120, h: 60 }),
    ];
    for (const f of poses) expect(stretchedShare(plane(200, 100, () => 0.4), f, image, out)).toBe(0);
  });

  it("finds the step's column stretched by a sideways move that opens it, by the gap it opens", () => {
    // Far (0.2) left of column 100, near (0.9) from it. The camera moves 30 px left, so every
    // point moves right by 30 q: the near side by 30 * 0.8 * 0.7 = 16.8 px more than the far side.
    const step = plane(200, 100, (x) => (x < 100 ? 0.2 : 0.9));
    const share = stretchedShare(step, frame({ x: -30, y: 0, z: 0 }), image, out);
    // One cell column: 1 + 16.8 source px wide, 99 rows of cells high, at twice the size in the output.
    expect(share).toBeCloseTo((2 * 17.8 * 2 * 99) / (400 * 200), 6);
  });

  it('counts a fold, where the near side slides over the far one, as no stretch', () => {
    const step = plane(200, 100, (x) => (x < 100 ? 0.2 : 0.9));
    expect(stretchedShare(step, frame({ x: 30, y: 0, z: 0 }), image, out)).toBe(0);
  });

  it('scales a smaller depth plane to the image and honours the limit', () => {
    // A 50 × 25 plane: grid points 4 source px apart; the gap of 16.8 px makes a cell 20.8 px wide, 5.2 times 4.
    const step = plane(50, 25, (x) => (x < 25 ? 0.2 : 0.9));
    const f = frame({ x: -30, y: 0, z: 0 });
    expect(stretchedShare(step, f, image, out)).toBeCloseTo((2 * 20.8 * 2 * 4 * 24) / (400 * 200), 6);
    expect(stretchedShare(step, f, image, out, 5)).toBeGreaterThan(0);
    expect(stretchedShare(step, f, image, out, 5.3)).toBe(0);
  });

  it('counts only what lands in the output', () => {
    const step = plane(200, 100, (x) => (x < 100 ? 0.2 : 0.9));
    // After the move the stretched column spans source x 99.5 + 22.8 = 122.3 to 100.5 + 39.6 = 140.1.
    // A view of x 31..131, y 25..75 at 4 output px per source px shows 8.7 px of it, 50 rows high.
    const view = { cx: 81, cy: 50, w: 100, h: 50 };
    const share = stretchedShare(step, frame({ x: -30, y: 0, z: 0 }, undefined, view), image, out);
    expect(share).toBeCloseTo((4 * 8.7 * 4 * 50) / (400 * 200), 6);
  });
});
