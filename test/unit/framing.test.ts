import { describe, expect, it } from 'vitest';
import { viewToOutput } from '../../engine/motion/camera';
import { framedView, templateContext } from '../../engine/motion/framing';
import { NO_PICTURE_INFO } from '../../engine/motion/plan';
import type { PictureInfo, Rect, Size, View } from '../../engine/motion/types';
import { DEFAULT_PARAMS } from '../../engine/params';

const landscape = { width: 1200, height: 800 };
const portrait = { width: 800, height: 1200 };
const ASPECTS: Size[] = [
  { width: 1080, height: 1920 },
  { width: 1280, height: 720 },
  { width: 1080, height: 1080 },
  { width: 1080, height: 1350 },
];

const edges = (v: View) => ({ left: v.cx - v.w / 2, top: v.cy - v.h / 2, right: v.cx + v.w / 2, bottom: v.cy + v.h / 2 });
const contains = (v: View, r: Rect, eps = 1e-9) => {
  const e = edges(v);
  return e.left <= r.x + eps && e.top <= r.y + eps && e.right >= r.x + r.w - eps && e.bottom >= r.y + r.h - eps;
};
const insideImage = (v: View, image: Size, eps = 1e-9) => {
  const e = edges(v);
  return e.left >= -eps && e.top >= -eps && e.right <= image.width + eps && e.bottom <= image.height + eps;
};
const ctx = (image: Size, out: Size, focus = { x: image.width / 2, y: image.height / 2 }, keep: Rect | null = null) => ({ image, out, focus, keep });

describe('framedView', () => {
  it('is the largest view with the output aspect inside the image, centred without a subject', () => {
    const wide = framedView(ctx(landscape, { width: 1280, height: 720 }));
    expect(wide).toEqual({ cx: 600, cy: 400, w: 1200, h: 675 });
    const tall = framedView(ctx(landscape, { width: 1080, height: 1920 }));
    expect(tall.h).toBe(800);
    expect(tall.w).toBeCloseTo(450, 9);
    expect(tall.cx).toBe(600);
  });

  it('keeps a person on the left of a landscape photo inside every crop', () => {
    const keep = { x: 60, y: 120, w: 300, h: 640 };
    // The focus (eyes) is in the keep box; the image centre would cut the person out of a 9:16 crop.
    for (const out of ASPECTS) {
      const view = framedView(ctx(landscape, out, { x: 210, y: 200 }, keep));
      expect(contains(view, keep), JSON.stringify(out)).toBe(true);
      expect(insideImage(view, landscape)).toBe(true);
      expect(view.w / view.h).toBeCloseTo(out.width / out.height, 12);
    }
  });

  it('keeps the subject in frame even when the focus is elsewhere, as near the focus as that allows', () => {
    const keep = { x: 900, y: 300, w: 200, h: 300 };
    const view = framedView(ctx(landscape, { width: 1080, height: 1920 }, { x: 300, y: 400 }, keep));
    expect(contains(view, keep)).toBe(true);
    // The view's left edge is as far left as keeping the subject's right edge inside allows.
    expect(edges(view).right).toBeCloseTo(1100, 9);
  });

  it('centres the focus when the image allows, and comes as near as it can at an edge', () => {
    const out = { width: 1080, height: 1920 };
    expect(framedView(ctx(landscape, out, { x: 420.5, y: 300 })).cx).toBeCloseTo(420.5, 12);
    expect(framedView(ctx(landscape, out, { x: 40, y: 300 })).cx).toBeCloseTo(225, 9);
    expect(framedView(ctx(landscape, out, { x: 1190, y: 300 })).cx).toBeCloseTo(975, 9);
    const zoomed = framedView(ctx(portrait, { width: 1280, height: 720 }, { x: 420, y: 900 }), { zoom: 1.25 });
    expect(zoomed.w).toBeCloseTo(640, 9);
    expect(zoomed.cx).toBeCloseTo(420, 9);
    expect(zoomed.cy).toBeCloseTo(900, 9);
  });

  it('shows as much as it can of a subject too big for the crop, around the focus', () => {
    const keep = { x: 100, y: 0, w: 900, h: 800 };
    const view = framedView(ctx(landscape, { width: 1080, height: 1920 }, { x: 150, y: 400 }, keep));
    expect(edges(view).left).toBeCloseTo(100, 9);
    expect(edges(view).right).toBeLessThanOrEqual(1000);
  });

  it('zooms, aims and stays inside given bounds', () => {
    const bounds = { x: 40, y: 20, w: 1120, h: 760 };
    const view = framedView(ctx(landscape, { width: 1280, height: 720 }, { x: 10, y: 10 }), { bounds, zoom: 1.1, aim: { x: 30, y: 790 } });
    expect(view.w).toBeCloseTo(1120 / 1.1, 9);
    expect(edges(view).left).toBeCloseTo(40, 9);
    expect(edges(view).bottom).toBeCloseTo(780, 9);
  });

  it('puts the focus at the output centre when it can', () => {
    const out = { width: 1080, height: 1350 };
    const focus = { x: 640, y: 380 };
    const view = framedView(ctx(landscape, out, focus), { zoom: 1.3 });
    const at = viewToOutput(view, out, focus.x, focus.y);
    expect(at.x).toBeCloseTo(540, 9);
    expect(at.y).toBeCloseTo(675, 9);
  });
});

describe('templateContext', () => {
  const info: PictureInfo = {
    focus: { x: 300, y: 200 },
    keep: { x: 200, y: 100, w: 300, h: 500 },
    face: { x: 250, y: 150, w: 100, h: 120 },
    depthAt: (x, y) => (x + y) / 2000,
  };
  const out = { width: 1280, height: 720 };

  it("aims at the user's focus first, in source pixels, with the depth there", () => {
    const c = templateContext({ ...DEFAULT_PARAMS, focus: { x: 0.25, y: 0.75 }, intensity: 0.3 }, landscape, out, info);
    expect(c.focus).toEqual({ x: 300, y: 600 });
    expect(c.focusDepth).toBeCloseTo(0.45, 12);
    expect(c.intensity).toBe(0.3);
    expect(c.hasDepth).toBe(true);
    expect(c.keep).toEqual(info.keep);
    expect(c.face).toEqual(info.face);
  });

  it("then at the analysis's focus", () => {
    const c = templateContext(DEFAULT_PARAMS, landscape, out, info);
    expect(c.focus).toEqual({ x: 300, y: 200 });
    expect(c.focusDepth).toBeCloseTo(0.25, 12);
  });

  it('then at the centre, flat, with a neutral focus depth', () => {
    const c = templateContext(DEFAULT_PARAMS, landscape, out, NO_PICTURE_INFO);
    expect(c).toEqual({ image: landscape, out, intensity: 0.6, focus: { x: 600, y: 400 }, keep: null, face: null, focusDepth: 0.5, hasDepth: false });
  });

  it('clamps a depth map that strays outside 0..1', () => {
    expect(templateContext(DEFAULT_PARAMS, landscape, out, { ...info, depthAt: () => 1.2 }).focusDepth).toBe(1);
  });
});
