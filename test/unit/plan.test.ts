import { describe, expect, it } from 'vitest';
import { clamp01, easeInOutSine } from '../../engine/easing';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { coverView, frameCount, frameTime, getTemplate, planClip, sourceToOutput, TEMPLATES, type View } from '../../engine/plan';

const image = { width: 640, height: 427 };
const params = (patch: Partial<RenderParams> = {}): RenderParams => ({ ...DEFAULT_PARAMS, width: 640, height: 360, duration: 2, fps: 30, ...patch });

const inside = (v: View, size = image) =>
  v.cx - v.w / 2 >= -1e-9 && v.cy - v.h / 2 >= -1e-9 && v.cx + v.w / 2 <= size.width + 1e-9 && v.cy + v.h / 2 <= size.height + 1e-9;

describe('easing', () => {
  it('starts and ends exactly, with zero velocity at both ends', () => {
    expect(easeInOutSine(0)).toBe(0);
    expect(easeInOutSine(1)).toBe(1);
    expect(easeInOutSine(0.5)).toBeCloseTo(0.5, 12);
    const h = 1e-6;
    expect(easeInOutSine(h) / h).toBeLessThan(1e-4);
    expect((1 - easeInOutSine(1 - h)) / h).toBeLessThan(1e-4);
  });
  it('clamps time', () => {
    expect(clamp01(-2)).toBe(0);
    expect(clamp01(3)).toBe(1);
    expect(clamp01(0.25)).toBe(0.25);
  });
});

describe('coverView', () => {
  it('fills the output aspect with the largest centred rectangle inside the image', () => {
    const wide = coverView(image, { width: 1920, height: 1080 });
    expect(wide.w).toBe(640);
    expect(wide.h).toBeCloseTo(360, 9);
    expect(wide.cy).toBeCloseTo(213.5, 9);
    const tall = coverView(image, { width: 1080, height: 1920 });
    expect(tall.h).toBe(427);
    expect(tall.w / tall.h).toBeCloseTo(1080 / 1920, 12);
    expect(inside(tall)).toBe(true);
  });
});

describe('frames', () => {
  it('covers the duration with whole frames, first at t=0 and last at t=1', () => {
    expect(frameCount({ duration: 2, fps: 30 })).toBe(60);
    expect(frameCount({ duration: 4.5, fps: 24 })).toBe(108);
    expect(frameTime(0, 60)).toBe(0);
    expect(frameTime(59, 60)).toBe(1);
  });
});

describe('templates', () => {
  for (const template of TEMPLATES) {
    it(`${template.id}: keeps the output aspect and stays inside the image for every frame and size`, () => {
      for (const size of [
        { width: 640, height: 360 },
        { width: 1080, height: 1920 },
        { width: 1080, height: 1080 },
      ]) {
        const plan = planClip(params({ template: template.id, ...size }), image);
        for (let i = 0; i < plan.frames; i++) {
          const v = plan.viewAt(i);
          expect(inside(v)).toBe(true);
          expect(v.w / v.h).toBeCloseTo(size.width / size.height, 9);
        }
      }
    });
  }

  it('zoom-in magnifies steadily by 1.25× about the centre, never rounding to whole pixels', () => {
    const plan = planClip(params({ template: 'zoom-in' }), image);
    const widths = Array.from({ length: plan.frames }, (_, i) => plan.viewAt(i).w);
    expect(widths[0]! / widths.at(-1)!).toBeCloseTo(1.25, 9);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]!);
    expect(widths.some((w) => !Number.isInteger(w))).toBe(true);
    expect(plan.viewAt(17).cx).toBeCloseTo(image.width / 2, 9);
  });

  it('pan-right moves left to right at constant magnification, eased', () => {
    const plan = planClip(params({ template: 'pan-right' }), image);
    const xs = Array.from({ length: plan.frames }, (_, i) => plan.viewAt(i).cx);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]!);
    expect(new Set(Array.from({ length: plan.frames }, (_, i) => plan.viewAt(i).w)).size).toBe(1);
    const first = xs[1]! - xs[0]!;
    const middle = xs[30]! - xs[29]!;
    expect(first).toBeLessThan(middle / 10);
    // Symmetric about the image centre.
    expect((xs[0]! + xs.at(-1)!) / 2).toBeCloseTo(image.width / 2, 9);
  });

  it('rejects unknown template ids', () => {
    expect(() => getTemplate('spin' as never)).toThrow(/Unknown template/);
  });
});

describe('sourceToOutput', () => {
  it('maps the view corners to the output corners', () => {
    const v = { cx: 300.25, cy: 200.5, w: 400.5, h: 225.28125 };
    const out = { width: 640, height: 360 };
    const tl = sourceToOutput(v, out, v.cx - v.w / 2, v.cy - v.h / 2);
    const br = sourceToOutput(v, out, v.cx + v.w / 2, v.cy + v.h / 2);
    expect(tl.x).toBeCloseTo(0, 9);
    expect(tl.y).toBeCloseTo(0, 9);
    expect(br.x).toBeCloseTo(640, 9);
    expect(br.y).toBeCloseTo(360, 9);
  });
});

describe('minSourcePerOutput', () => {
  it('is the tightest magnification over the clip', () => {
    const plan = planClip(params({ template: 'zoom-in' }), image);
    expect(plan.minSourcePerOutput()).toBeCloseTo(640 / 1.25 / 640, 9);
  });
});
