import { describe, expect, it } from 'vitest';
import { projectToOutput, viewToOutput } from '../../engine/motion/camera';
import { coverSize, flatView, glide, inset, scaleAbout } from '../../engine/motion/views';

describe('coverSize', () => {
  it('is the largest size with the output aspect inside the bounds', () => {
    expect(coverSize({ width: 640, height: 427 }, { width: 1920, height: 1080 })).toEqual({ w: 640, h: 360 });
    const tall = coverSize({ width: 640, height: 427 }, { width: 1080, height: 1920 });
    expect(tall.h).toBeCloseTo(427, 12);
    expect(tall.w / tall.h).toBeCloseTo(1080 / 1920, 12);
  });
});

describe('glide', () => {
  const a = { cx: 500, cy: 300, w: 800, h: 450 };
  const b = { cx: 560, cy: 280, w: 640, h: 360 };

  it('starts at a and ends at b', () => {
    expect(glide(a, b, 0)).toEqual(a);
    const end = glide(a, b, 1);
    expect(end.cx).toBeCloseTo(b.cx, 9);
    expect(end.cy).toBeCloseTo(b.cy, 9);
    expect(end.w).toBeCloseTo(b.w, 9);
  });

  it('zooms at a constant rate about one fixed point', () => {
    const widths = [0, 0.25, 0.5, 0.75, 1].map((t) => glide(a, b, t).w);
    for (let i = 1; i < widths.length; i++) expect(widths[i]! / widths[i - 1]!).toBeCloseTo((640 / 800) ** 0.25, 12);
    // The fixed point of the zoom from a to b: it lands at the same output place in every view.
    const z = 800 / 640;
    const fixed = { x: (z * b.cx - a.cx) / (z - 1), y: (z * b.cy - a.cy) / (z - 1) };
    const out = { width: 1600, height: 900 };
    const at = viewToOutput(a, out, fixed.x, fixed.y);
    for (const t of [0.2, 0.5, 0.9]) {
      const p = viewToOutput(glide(a, b, t), out, fixed.x, fixed.y);
      expect(p.x).toBeCloseTo(at.x, 6);
      expect(p.y).toBeCloseTo(at.y, 6);
    }
  });

  it('glides in a straight line at constant size, and tends to that as the sizes meet', () => {
    const c = { ...b, w: 800, h: 450 };
    expect(glide(a, c, 0.3)).toEqual({ cx: 518, cy: 294, w: 800, h: 450 });
    const nearly = glide(a, { ...c, w: 800 * (1 - 1e-12), h: 450 * (1 - 1e-12) }, 0.3);
    expect(nearly.cx).toBeCloseTo(518, 6);
    expect(nearly.cy).toBeCloseTo(294, 6);
  });
});

describe('scaleAbout and inset', () => {
  it('scales a view about a point that keeps its output place', () => {
    const v = { cx: 400, cy: 300, w: 400, h: 300 };
    const at = { x: 350, y: 320 };
    const s = scaleAbout(v, at, 1.5);
    expect(s).toEqual({ cx: 425, cy: 290, w: 600, h: 450 });
    const out = { width: 800, height: 600 };
    expect(viewToOutput(s, out, at.x, at.y)).toEqual(viewToOutput(v, out, at.x, at.y));
  });

  it('insets a rectangle on every side', () => {
    expect(inset({ x: 0, y: 0, w: 100, h: 50 }, 10, 5)).toEqual({ x: 10, y: 5, w: 80, h: 40 });
  });
});

describe('flatView', () => {
  it('shows a flat picture exactly as the shifted camera does', () => {
    const image = { width: 1000, height: 700 };
    const out = { width: 1280, height: 720 };
    const pose = { view: { cx: 530, cy: 340, w: 900, h: 506.25 }, shift: { x: 14, y: -9, z: 0.18 } };
    const flat = flatView(pose, image);
    for (const [x, y] of [
      [0, 0],
      [250, 600],
      [999, 1],
      [613.4, 222.9],
    ] as const) {
      const shifted = projectToOutput(pose, { strength: 0, focusDepth: 0.5 }, image, out, x, y, 0.9);
      const plain = viewToOutput(flat, out, x, y);
      expect(plain.x).toBeCloseTo(shifted.x, 9);
      expect(plain.y).toBeCloseTo(shifted.y, 9);
    }
  });
});
