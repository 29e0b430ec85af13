import { describe, expect, it } from 'vitest';
import { disparity, projectToOutput } from '../../engine/motion/camera';
import { clamp01, EASING, easeInOutSine } from '../../engine/motion/easing';
import { NO_PICTURE_INFO, planClip, sourcePerOutput } from '../../engine/motion/plan';
import { frameCount, progressAt } from '../../engine/motion/timing';
import type { ClipPlan, FrameSpec, PictureInfo } from '../../engine/motion/types';
import { DEFAULT_PARAMS, EASINGS, TEMPLATE_IDS, type RenderParams } from '../../engine/params';

const image = { width: 640, height: 427 };
const params = (patch: Partial<RenderParams> = {}): RenderParams => ({ ...DEFAULT_PARAMS, width: 640, height: 360, duration: 2, fps: 30, ...patch });
const depthInfo: PictureInfo = { focus: { x: 250, y: 180 }, keep: { x: 200, y: 100, w: 120, h: 250 }, face: { x: 220, y: 130, w: 60, h: 70 }, depthAt: (_x, y) => 0.2 + (0.7 * y) / 427 };

/** Where probe points at three depths land in the output: how far two frames differ is how far these move. */
function probes(plan: ClipPlan, frame: FrameSpec) {
  const points = [];
  for (const x of [0.2, 0.5, 0.8]) for (const y of [0.2, 0.5, 0.8]) for (const d of [0, 0.5, 1]) points.push(projectToOutput(frame.pose, frame.depth, plan.image, plan.out, x * plan.image.width, y * plan.image.height, d));
  return points;
}
const distance = (plan: ClipPlan, a: FrameSpec, b: FrameSpec) => {
  const pa = probes(plan, a);
  const pb = probes(plan, b);
  return Math.max(...pa.map((p, k) => Math.hypot(p.x - pb[k]!.x, p.y - pb[k]!.y)));
};
const withoutTime = ({ time: _time, ...rest }: FrameSpec) => rest;

describe('easing', () => {
  it.each(EASINGS)('%s starts at 0, ends at 1 exactly and never goes back', (id) => {
    const ease = EASING[id];
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    for (let i = 1; i <= 100; i++) expect(ease(i / 100)).toBeGreaterThan(ease((i - 1) / 100));
  });
  it('eases in, out or both where it says', () => {
    const h = 1e-6;
    const startSpeed = (id: (typeof EASINGS)[number]) => EASING[id](h) / h;
    const endSpeed = (id: (typeof EASINGS)[number]) => (1 - EASING[id](1 - h)) / h;
    expect(startSpeed('ease-in-out')).toBeLessThan(1e-4);
    expect(endSpeed('ease-in-out')).toBeLessThan(1e-4);
    expect(startSpeed('ease-in')).toBeLessThan(1e-4);
    expect(endSpeed('ease-in')).toBeCloseTo(Math.PI / 2, 4);
    expect(startSpeed('ease-out')).toBeCloseTo(Math.PI / 2, 4);
    expect(endSpeed('ease-out')).toBeLessThan(1e-4);
    expect(EASING.linear(0.37)).toBe(0.37);
    expect(easeInOutSine(0.5)).toBeCloseTo(0.5, 12);
  });
  it('clamps time', () => {
    expect(clamp01(-2)).toBe(0);
    expect(clamp01(3)).toBe(1);
    expect(clamp01(0.25)).toBe(0.25);
  });
});

describe('timing', () => {
  it('covers the duration with whole frames, at least two', () => {
    expect(frameCount({ duration: 2, fps: 30 })).toBe(60);
    expect(frameCount({ duration: 4.5, fps: 24 })).toBe(108);
    expect(frameCount({ duration: 0.01, fps: 24 })).toBe(2);
  });
  it('none: once through, first frame at the start and last at the end', () => {
    const linear = EASING.linear;
    expect(progressAt(0, 60, 'none', linear)).toBe(0);
    expect(progressAt(59, 60, 'none', linear)).toBe(1);
    expect(progressAt(20, 41, 'none', easeInOutSine)).toBeCloseTo(0.5, 12);
  });
  it('boomerang: there and back, the last frame equal to the first', () => {
    const p = Array.from({ length: 61 }, (_, i) => progressAt(i, 61, 'boomerang', easeInOutSine));
    expect(p[0]).toBe(0);
    expect(p[60]).toBe(0);
    expect(p[30]).toBe(1);
    for (let i = 0; i < 30; i++) expect(p[i + 1]).toBeGreaterThan(p[i]!);
    for (let i = 0; i < 30; i++) expect(p[60 - i]).toBeCloseTo(p[i]!, 12);
  });
  it.each(EASINGS)('seamless with %s: one smooth cycle whose next frame would be the first', (id) => {
    const n = 48;
    const p = Array.from({ length: n + 1 }, (_, i) => progressAt(i, n, 'seamless', EASING[id]));
    expect(p[0]).toBe(0);
    expect(p[n]).toBeCloseTo(0, 12);
    expect(Math.max(...p)).toBe(1);
    // The wrap from the last frame to the first is a step like any other.
    const steps = p.slice(1).map((v, i) => Math.abs(v - p[i]!));
    expect(steps.at(-1)).toBeLessThanOrEqual(Math.max(...steps.slice(0, -1)) + 1e-12);
  });
});

describe('planClip', () => {
  it('plans the template at the output size, frame times at 1/fps', () => {
    const plan = planClip(params({ template: 'film', fps: 25, duration: 3 }), image, NO_PICTURE_INFO);
    expect(plan.template.id).toBe('film');
    expect(plan.frames).toBe(75);
    expect(plan.fps).toBe(25);
    expect(plan.image).toEqual(image);
    expect(plan.out).toEqual({ width: 640, height: 360 });
    expect(plan.frameAt(0).time).toBe(0);
    expect(plan.frameAt(10).time).toBeCloseTo(0.4, 12);
  });

  it('zoom-in at the default intensity magnifies steadily by 1.25× about the centre without an analysis, never rounding', () => {
    const plan = planClip(params({ template: 'zoom-in' }), image, NO_PICTURE_INFO);
    const views = Array.from({ length: plan.frames }, (_, i) => plan.frameAt(i).pose.view);
    expect(views[0]!.w / views.at(-1)!.w).toBeCloseTo(1.25, 9);
    for (let i = 1; i < views.length; i++) expect(views[i]!.w).toBeLessThan(views[i - 1]!.w);
    expect(views.some((v) => !Number.isInteger(v.w))).toBe(true);
    for (const v of views) {
      expect(v.cx).toBeCloseTo(image.width / 2, 9);
      expect(v.cy).toBeCloseTo(image.height / 2, 9);
    }
  });

  it('pan-right at the default intensity follows the exact eased path of the first release', () => {
    const plan = planClip(params({ template: 'pan-right' }), image, NO_PICTURE_INFO);
    const w = 640 / 1.2;
    const travel = Math.min(image.width - w, 0.35 * w);
    for (let i = 0; i < plan.frames; i++) {
      const { view, shift } = plan.frameAt(i).pose;
      expect(view.cx).toBeCloseTo(image.width / 2 - travel / 2 + travel * easeInOutSine(i / (plan.frames - 1)), 9);
      expect(view.cy).toBeCloseTo(image.height / 2, 9);
      expect(view.w).toBeCloseTo(w, 9);
      expect(shift).toEqual({ x: 0, y: 0, z: 0 });
    }
  });

  it('uses the easing asked for', () => {
    const linear = planClip(params({ template: 'pan-right', easing: 'linear' }), image, NO_PICTURE_INFO);
    const xs = Array.from({ length: linear.frames }, (_, i) => linear.frameAt(i).pose.view.cx);
    for (let i = 2; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(xs[1]! - xs[0]!, 9);
  });

  it.each(TEMPLATE_IDS)("%s: frames keep the image's size after the caller's image object is closed", (template) => {
    // A closed ImageBitmap reads 0 × 0; the segment worker closes its own once the renderer holds the picture.
    const bitmap = { ...image };
    const plan = planClip(params({ template }), bitmap, depthInfo);
    bitmap.width = 0;
    bitmap.height = 0;
    const expected = planClip(params({ template }), image, depthInfo);
    expect(plan.image).toEqual(image);
    for (let i = 0; i < plan.frames; i++) expect(plan.frameAt(i), `frame ${i}`).toEqual(expected.frameAt(i));
  });

  it("aims at the user's focus point", () => {
    const plan = planClip(params({ template: 'zoom-in', focus: { x: 0.4, y: 0.55 } }), image, NO_PICTURE_INFO);
    const last = plan.frameAt(plan.frames - 1).pose.view;
    expect(last.cx).toBeCloseTo(0.4 * 640, 9);
    expect(last.cy).toBeCloseTo(0.55 * 427, 9);
  });

  for (const template of TEMPLATE_IDS) {
    it(`${template}: boomerang ends where it starts; seamless wraps round with an ordinary step`, () => {
      const boomerang = planClip(params({ template, loop: 'boomerang' }), image, depthInfo);
      expect(withoutTime(boomerang.frameAt(boomerang.frames - 1))).toEqual(withoutTime(boomerang.frameAt(0)));
      const seamless = planClip(params({ template, loop: 'seamless' }), image, depthInfo);
      const n = seamless.frames;
      let steps = 0;
      for (let i = 1; i < n; i++) steps = Math.max(steps, distance(seamless, seamless.frameAt(i - 1), seamless.frameAt(i)));
      expect(steps).toBeGreaterThan(0.5);
      const wrap = distance(seamless, seamless.frameAt(n - 1), seamless.frameAt(0));
      expect(wrap).toBeLessThanOrEqual(steps + 1e-9);
      // Not a repeated frame either: the wrap mirrors the first step.
      expect(wrap).toBeGreaterThan(0);
      expect(wrap).toBeCloseTo(distance(seamless, seamless.frameAt(0), seamless.frameAt(1)), 9);
    });
  }
});

describe('minSourcePerOutput', () => {
  it('is the tightest magnification over the clip', () => {
    const plan = planClip(params({ template: 'zoom-in' }), image, NO_PICTURE_INFO);
    expect(plan.minSourcePerOutput()).toBeCloseTo(640 / 1.25 / 640, 9);
  });

  it('counts the magnification of the nearest layer when the camera moves forward', () => {
    const plan = planClip(params({ template: 'parallax-dolly', intensity: 1 }), image, depthInfo);
    let byView = Infinity;
    let expected = Infinity;
    for (let i = 0; i < plan.frames; i++) {
      const f = plan.frameAt(i);
      byView = Math.min(byView, f.pose.view.w / 640);
      expected = Math.min(expected, (f.pose.view.w / 640) * (1 - f.pose.shift.z * disparity(1, f.depth)));
    }
    expect(plan.frameAt(plan.frames - 1).pose.shift.z).toBeGreaterThan(0.2);
    expect(plan.minSourcePerOutput()).toBeCloseTo(expected, 12);
    expect(plan.minSourcePerOutput()).toBeLessThan(byView * 0.9);
  });

  it('a layer at disparity q shown through a forward shift z is sampled at view.w / out.width · (1 - z·q)', () => {
    const frame: FrameSpec = {
      pose: { view: { cx: 320, cy: 200, w: 400, h: 225 }, shift: { x: 0, y: 0, z: -0.2 } },
      depth: { strength: 0.5, focusDepth: 0.4 },
      effects: planClip(params(), image, NO_PICTURE_INFO).frameAt(0).effects,
      time: 0,
    };
    // Moving back, the farthest layer (q = 0.8) is magnified most.
    expect(sourcePerOutput(frame, { width: 800, height: 450 })).toBeCloseTo(0.5 * (1 + 0.2 * 0.8), 12);
  });
});
