import { describe, expect, it } from 'vitest';
import { clipJitter, smoothFit, trajectoryJitter } from '../../bench/trajectory';
import { EASING } from '../../engine/motion/easing';
import { glide } from '../../engine/motion/views';

describe('smoothFit', () => {
  it('reproduces a polynomial of its degree exactly', () => {
    const values = Array.from({ length: 50 }, (_, i) => 3 - 0.2 * i + 0.01 * i * i - 1e-4 * i ** 3);
    smoothFit(values, 3).forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 9));
  });
});

/** Where an image point lands in a 1920-wide output along the product's eased 1.25× zoom (views.glide, ease-in-out). */
function zoomTrack(frames: number, point: { x: number; y: number }) {
  const wide = { cx: 2000, cy: 1500, w: 4000, h: 2250 };
  const close = { cx: 2000, cy: 1500, w: 3200, h: 1800 };
  return Array.from({ length: frames }, (_, i) => {
    const v = glide(wide, close, EASING['ease-in-out'](i / (frames - 1)));
    const scale = 1920 / v.w;
    return { x: (point.x - (v.cx - v.w / 2)) * scale, y: (point.y - (v.cy - v.h / 2)) * scale };
  });
}

describe('trajectoryJitter', () => {
  it('calls the eased, geometric zoom of the product smooth (well under a hundredth of a pixel)', () => {
    expect(trajectoryJitter(zoomTrack(150, { x: 1200, y: 1080 }))).toBeLessThan(0.005);
  });

  it('sees whole-pixel steps: the same path rounded jitters by about 0.4 px (two axes of uniform ±0.5 error)', () => {
    const rounded = zoomTrack(150, { x: 1200, y: 1080 }).map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
    const j = trajectoryJitter(rounded);
    expect(j).toBeGreaterThan(0.3);
    expect(j).toBeLessThan(0.5);
  });

  it('measures alternating ±0.1 px shake on both axes as 0.14 px', () => {
    const shaken = zoomTrack(150, { x: 2800, y: 1900 }).map((p, i) => ({ x: p.x + (i % 2 ? 0.1 : -0.1), y: p.y + (i % 2 ? -0.1 : 0.1) }));
    expect(trajectoryJitter(shaken)).toBeCloseTo(0.1 * Math.SQRT2, 2);
  });
});

describe('clipJitter', () => {
  it('averages the tracks long enough to judge and reports the worst', () => {
    const smooth = zoomTrack(60, { x: 1500, y: 1200 });
    const rough = smooth.map((p, i) => ({ x: p.x + (i % 2 ? 0.2 : -0.2), y: p.y }));
    const j = clipJitter([smooth, rough, smooth.slice(0, 5)]);
    expect(j.markers).toBe(2);
    expect(j.max).toBeCloseTo(0.2, 2);
    expect(j.rms).toBeCloseTo(0.1, 2);
  });

  it('is NaN with nothing to judge', () => {
    expect(clipJitter([]).rms).toBeNaN();
  });
});
