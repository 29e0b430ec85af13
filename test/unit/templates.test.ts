import { describe, expect, it } from 'vitest';
import { projectToOutput, viewToOutput } from '../../engine/motion/camera';
import { templateContext } from '../../engine/motion/framing';
import { coveredRect, parallaxBudget, parallaxDisplacement } from '../../engine/motion/parallax';
import { planClip } from '../../engine/motion/plan';
import { getTemplate, TEMPLATES } from '../../engine/motion/templates';
import { NO_EFFECTS, type ClipPlan, type Effects, type FrameSpec, type PictureInfo, type Size, type TemplateContext } from '../../engine/motion/types';
import { DEFAULT_PARAMS, TEMPLATE_IDS, type RenderParams, type TemplateId } from '../../engine/params';

type Frame = Omit<FrameSpec, 'time'>;

/** A ground plane: nearer towards the bottom of the picture. */
const groundDepth = (image: Size) => (_x: number, y: number) => 0.15 + (0.7 * y) / image.height;

const SCENES: { name: string; image: Size; out: Size; info: Omit<PictureInfo, 'depthAt'> }[] = [
  {
    name: 'a landscape photo of a person on the left, into 9:16',
    image: { width: 1200, height: 800 },
    out: { width: 1080, height: 1920 },
    info: { focus: { x: 310, y: 300 }, keep: { x: 200, y: 180, w: 260, h: 600 }, face: { x: 250, y: 240, w: 120, h: 150 } },
  },
  {
    name: 'a portrait photo with a low subject, into 16:9',
    image: { width: 800, height: 1200 },
    out: { width: 1280, height: 720 },
    info: { focus: { x: 425, y: 850 }, keep: { x: 300, y: 700, w: 250, h: 300 }, face: null },
  },
  {
    name: 'a square photo without analysis, into a square',
    image: { width: 1000, height: 1000 },
    out: { width: 1080, height: 1080 },
    info: { focus: null, keep: null, face: null },
  },
];
const DEPTHS = [true, false] as const;
const CASES = SCENES.flatMap((scene) => DEPTHS.map((depth) => ({ ...scene, depth, label: `${scene.name}, ${depth ? 'with' : 'without'} depth` })));

function infoFor(c: (typeof CASES)[number]): PictureInfo {
  return { ...c.info, depthAt: c.depth ? groundDepth(c.image) : null };
}
function plan(template: TemplateId, c: (typeof CASES)[number], patch: Partial<RenderParams> = {}): ClipPlan {
  return planClip({ ...DEFAULT_PARAMS, template, ...c.out, duration: 2, fps: 30, ...patch }, c.image, infoFor(c));
}
function context(c: (typeof CASES)[number], intensity: number): TemplateContext {
  return templateContext({ ...DEFAULT_PARAMS, ...c.out, intensity }, c.image, c.out, infoFor(c));
}

/** Probe points spread over the first frame's picture, at the far, middle and near depths. */
function probePoints(image: Size, first: Frame) {
  const v = first.pose.view;
  const points: { x: number; y: number; depth: number }[] = [];
  for (const u of [0.1, 0.5, 0.9]) {
    for (const w of [0.1, 0.5, 0.9]) {
      for (const depth of [0, 0.5, 1]) {
        const x = Math.min(image.width, Math.max(0, v.cx + (u - 0.5) * v.w));
        const y = Math.min(image.height, Math.max(0, v.cy + (w - 0.5) * v.h));
        points.push({ x, y, depth });
      }
    }
  }
  return points;
}
const positions = (image: Size, out: Size, points: ReturnType<typeof probePoints>, f: Frame) =>
  points.map((p) => projectToOutput(f.pose, f.depth, image, out, p.x, p.y, p.depth));
/** How far apart two frames are: the most any probe moves between them, in output pixels. */
function apart(a: { x: number; y: number }[], b: { x: number; y: number }[]): number {
  return Math.max(...a.map((p, k) => Math.hypot(p.x - b[k]!.x, p.y - b[k]!.y)));
}

/** Every number in the frame, for finiteness and continuity checks. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}
/** How strong the effects are: how far each is from doing nothing. */
function effectStrength(e: Effects): number {
  return (
    e.dof.blur +
    e.vignette +
    e.grain +
    e.bloom +
    (e.sweep?.strength ?? 0) +
    (e.particles?.amount ?? 0) +
    Math.abs(e.grade.exposure) +
    Math.abs(e.grade.contrast - 1) +
    Math.abs(e.grade.saturation - 1) +
    Math.abs(e.grade.warmth)
  );
}

/** The probes' path over a clip: per-frame steps and the total. */
function motion(p: ClipPlan, points = probePoints(p.image, p.frameAt(0))) {
  const frames = Array.from({ length: p.frames }, (_, i) => p.frameAt(i));
  const at = frames.map((f) => positions(p.image, p.out, points, f));
  const steps = at.slice(1).map((q, i) => apart(at[i]!, q));
  let second = 0;
  for (let i = 1; i + 1 < at.length; i++) {
    for (let k = 0; k < points.length; k++) {
      second = Math.max(second, Math.hypot(at[i + 1]![k]!.x - 2 * at[i]![k]!.x + at[i - 1]![k]!.x, at[i + 1]![k]!.y - 2 * at[i]![k]!.y + at[i - 1]![k]!.y));
    }
  }
  const total = steps.reduce((a, b) => a + b, 0);
  return { frames, at, steps, total, mean: total / steps.length, second, drift: Math.max(...at.map((q) => apart(at[0]!, q))) };
}

describe('the template list', () => {
  it('has every template id once, with a name, a one-sentence description and a default intensity', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of TEMPLATES) {
      expect(t.name.length).toBeGreaterThan(2);
      expect(t.description).toMatch(/^[A-Z][^.]*\.$/);
      expect(t.defaultIntensity).toBeGreaterThan(0);
      expect(t.defaultIntensity).toBeLessThanOrEqual(1);
      expect(getTemplate(t.id)).toBe(t);
    }
  });
  it('rejects unknown template ids', () => {
    expect(() => getTemplate('spin' as never)).toThrow(/Unknown template/);
  });
});

for (const template of TEMPLATES) {
  describe(template.id, () => {
    it.each(CASES)('$label: finite, inside the picture at every depth, within the parallax budget, smooth', (c) => {
      for (const intensity of [0, 0.6, 1]) {
        const p = plan(template.id, c, { intensity });
        const m = motion(p);
        const budget = parallaxBudget(c.image, intensity);
        for (const f of m.frames) {
          expect(numbers(f).every(Number.isFinite)).toBe(true);
          const v = f.pose.view;
          expect(v.w / v.h).toBeCloseTo(c.out.width / c.out.height, 9);
          const r = coveredRect(f.pose, f.depth, c.image);
          const eps = 1e-6 * c.image.width;
          expect(v.cx - v.w / 2).toBeGreaterThanOrEqual(r.x - eps);
          expect(v.cy - v.h / 2).toBeGreaterThanOrEqual(r.y - eps);
          expect(v.cx + v.w / 2).toBeLessThanOrEqual(r.x + r.w + eps);
          expect(v.cy + v.h / 2).toBeLessThanOrEqual(r.y + r.h + eps);
          expect(parallaxDisplacement(f.pose, f.depth, c.image)).toBeLessThanOrEqual(budget + 1e-9);
          expect(f.depth.strength).toBeGreaterThanOrEqual(0);
          expect(f.depth.strength).toBeLessThanOrEqual(0.8);
          expect(Math.abs(f.pose.shift.z)).toBeLessThan(0.5);
          if (!c.depth) {
            // Without depth every move is a plain 2D move.
            expect(f.depth.strength).toBe(0);
            expect(f.pose.shift).toEqual({ x: 0, y: 0, z: 0 });
          }
        }
        if (intensity === 0) {
          expect(m.drift).toBeLessThan(1e-6);
          expect(effectStrength(m.frames[0]!.effects)).toBe(0);
        } else {
          expect(m.total).toBeGreaterThan(5);
          // Eased motion: no frame jumps, and the speed changes gradually.
          expect(Math.max(...m.steps)).toBeLessThan(3 * m.mean);
          expect(m.second).toBeLessThan(0.25 * Math.max(...m.steps));
        }
      }
    });

    it.each(CASES)('$label: continuous in p, at its ends too', (c) => {
      const ctx = context(c, 1);
      const frame = (p: number) => template.frame(p, ctx);
      const points = probePoints(c.image, frame(0));
      const n = 400;
      const samples = Array.from({ length: n + 1 }, (_, k) => frame(k / n));
      const at = samples.map((f) => positions(c.image, c.out, points, f));
      const steps = at.slice(1).map((q, k) => apart(at[k]!, q));
      const mean = steps.reduce((a, b) => a + b, 0) / n;
      expect(Math.max(...steps)).toBeLessThan(4 * mean);
      const effects = samples.map((f) => numbers(f.effects));
      for (let k = 1; k <= n; k++) expect(Math.max(...effects[k]!.map((e, j) => Math.abs(e - effects[k - 1]![j]!)))).toBeLessThan(0.5);
      for (const [a, b] of [
        [0, 1e-7],
        [1 - 1e-7, 1],
      ]) {
        expect(apart(positions(c.image, c.out, points, frame(a!)), positions(c.image, c.out, points, frame(b!)))).toBeLessThan(1e-3);
        const ea = numbers(frame(a!));
        const eb = numbers(frame(b!));
        expect(Math.max(...ea.map((e, j) => Math.abs(e - eb[j]!)))).toBeLessThan(1e-3);
      }
    });

    it.each(CASES)('$label: more intensity, more motion and stronger effects', (c) => {
      // The same probes for every intensity: those of the still picture.
      const points = probePoints(c.image, plan(template.id, c, { intensity: 0 }).frameAt(0));
      const runs = [0.2, 0.4, 0.6, 0.8, 1].map((intensity) => {
        const p = plan(template.id, c, { intensity });
        return { total: motion(p, points).total, effects: effectStrength(p.frameAt(p.frames - 1).effects) };
      });
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.total).toBeGreaterThan(runs[i - 1]!.total);
        expect(runs[i]!.effects).toBeGreaterThanOrEqual(runs[i - 1]!.effects);
      }
    });
  });
}

describe('2D moves', () => {
  it.each(['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'tilt-up', 'tilt-down'] as const)('%s: no camera shift and no effects', (id) => {
    for (const c of CASES) {
      const p = plan(id, c);
      for (const i of [0, 17, p.frames - 1]) {
        const f = p.frameAt(i);
        expect(f.pose.shift).toEqual({ x: 0, y: 0, z: 0 });
        expect(f.effects).toEqual(NO_EFFECTS);
      }
    }
  });

  it('zoom-in aims at the focus: it ends centred on it, and the focus drifts steadily towards the centre', () => {
    const image = { width: 1200, height: 800 };
    const out = { width: 1280, height: 720 };
    const focus = { x: 500, y: 350 };
    const p = planClip({ ...DEFAULT_PARAMS, ...out }, image, { focus, keep: null, face: null, depthAt: null });
    const at = Array.from({ length: p.frames }, (_, i) => viewToOutput(p.frameAt(i).pose.view, out, focus.x, focus.y));
    expect(at.at(-1)!.x).toBeCloseTo(640, 6);
    expect(at.at(-1)!.y).toBeCloseTo(360, 6);
    for (let i = 1; i < at.length; i++) expect(Math.abs(at[i]!.x - 640)).toBeLessThanOrEqual(Math.abs(at[i - 1]!.x - 640) + 1e-9);
    expect(p.frameAt(0).pose.view.w / p.frameAt(p.frames - 1).pose.view.w).toBeCloseTo(1.25, 9);
  });

  it('zoom-out is zoom-in backwards', () => {
    const c = CASES[0]!;
    const zoomIn = plan('zoom-in', c);
    const zoomOut = plan('zoom-out', c);
    const n = zoomIn.frames;
    for (const i of [0, 11, 30, n - 1]) {
      const a = zoomIn.frameAt(i).pose.view;
      const b = zoomOut.frameAt(n - 1 - i).pose.view;
      expect(b.cx).toBeCloseTo(a.cx, 9);
      expect(b.cy).toBeCloseTo(a.cy, 9);
      expect(b.w).toBeCloseTo(a.w, 9);
    }
  });

  it('pans and tilts go the way they say along one axis, keeping the person in the middle of the move', () => {
    const c = CASES[0]!;
    const keep = c.info.keep!;
    for (const [id, key, sign] of [
      ['pan-left', 'cx', -1],
      ['pan-right', 'cx', 1],
      ['tilt-up', 'cy', -1],
      ['tilt-down', 'cy', 1],
    ] as const) {
      const p = plan(id, { ...c, out: { width: 1280, height: 720 } });
      const views = Array.from({ length: p.frames }, (_, i) => p.frameAt(i).pose.view);
      const other = key === 'cx' ? 'cy' : 'cx';
      for (let i = 1; i < views.length; i++) {
        expect(sign * (views[i]![key] - views[i - 1]![key])).toBeGreaterThan(0);
        expect(views[i]![other]).toBe(views[0]![other]);
      }
      const mid = views[Math.floor(views.length / 2)]!;
      if (key === 'cx') expect(mid.cx - mid.w / 2).toBeLessThanOrEqual(keep.x + 1e-9);
    }
  });
});

describe('3D moves', () => {
  const c = CASES[0]!;

  it('parallax-dolly: moves forward; the subject grows gently, the foreground more than the background', () => {
    const p = plan('parallax-dolly', c);
    const first = p.frameAt(0);
    const last = p.frameAt(p.frames - 1);
    expect(last.pose.shift.z).toBeGreaterThan(0.1);
    expect(last.depth.strength).toBeGreaterThan(0.1);
    const focus = c.info.focus!;
    const fd = groundDepth(c.image)(focus.x, focus.y);
    const span = (f: FrameSpec, depth: number) => {
      const a = projectToOutput(f.pose, f.depth, c.image, c.out, focus.x, focus.y, depth);
      const b = projectToOutput(f.pose, f.depth, c.image, c.out, focus.x + 100, focus.y + 100, depth);
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    const growth = (depth: number) => span(last, depth) / span(first, depth);
    expect(growth(fd)).toBeGreaterThan(1.03);
    expect(growth(fd)).toBeLessThan(1.2);
    expect(growth(1)).toBeGreaterThan(growth(fd));
    expect(growth(fd)).toBeGreaterThan(growth(0));
    // The camera travels along the ray through the focus: it stays put at every depth.
    for (const depth of [0, fd, 1]) {
      const a = projectToOutput(first.pose, first.depth, c.image, c.out, focus.x, focus.y, depth);
      const b = projectToOutput(last.pose, last.depth, c.image, c.out, focus.x, focus.y, depth);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(1e-6);
    }
  });

  it('parallax-orbit: the camera circles while the focal plane stays put and near and far layers swing round it', () => {
    const p = plan('parallax-orbit', c);
    const focus = c.info.focus!;
    const fd = groundDepth(c.image)(focus.x, focus.y);
    const shifts = Array.from({ length: p.frames }, (_, i) => p.frameAt(i).pose.shift);
    expect(Math.max(...shifts.map((s) => s.x))).toBeGreaterThan(10);
    expect(Math.min(...shifts.map((s) => s.x))).toBeLessThan(-10);
    expect(Math.max(...shifts.map((s) => s.y))).toBeGreaterThan(5);
    expect(shifts.every((s) => s.z === 0)).toBe(true);
    const track = (x: number, y: number, depth: number) =>
      Array.from({ length: p.frames }, (_, i) => {
        const f = p.frameAt(i);
        return projectToOutput(f.pose, f.depth, c.image, c.out, x, y, depth);
      });
    for (const [x, y] of [
      [focus.x, focus.y],
      [500, 600],
    ]) {
      const onFocal = track(x!, y!, fd);
      expect(apart(onFocal, onFocal.map(() => onFocal[0]!))).toBeLessThan(1e-6);
      for (const depth of [0, 1]) {
        const layer = track(x!, y!, depth);
        expect(apart(layer, layer.map(() => layer[0]!))).toBeGreaterThan(5);
      }
    }
  });

  it('dolly-zoom: the focal plane keeps its size while the background shrinks and the foreground grows', () => {
    const p = plan('dolly-zoom', c, { intensity: 1 });
    const first = p.frameAt(0);
    const last = p.frameAt(p.frames - 1);
    expect(last.pose.shift.z).toBeGreaterThan(0.2);
    const focus = c.info.focus!;
    const fd = groundDepth(c.image)(focus.x, focus.y);
    const span = (f: FrameSpec, depth: number) => {
      const a = projectToOutput(f.pose, f.depth, c.image, c.out, focus.x - 150, focus.y, depth);
      const b = projectToOutput(f.pose, f.depth, c.image, c.out, focus.x + 150, focus.y, depth);
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    expect(span(last, fd) / span(first, fd)).toBeCloseTo(1, 9);
    expect(span(last, 0) / span(first, 0)).toBeLessThan(0.99);
    expect(span(last, 1) / span(first, 1)).toBeGreaterThan(1.01);
  });

  it('without depth they flatten to 2D moves that still move', () => {
    const flat = CASES[1]!;
    for (const id of ['parallax-dolly', 'parallax-orbit', 'dolly-zoom'] as const) {
      const p = plan(id, flat);
      const m = motion(p);
      expect(m.total).toBeGreaterThan(20);
      for (const f of m.frames) expect(f.depth.strength).toBe(0);
    }
  });
});

describe('looks', () => {
  const withFace = CASES[0]!;

  it('portrait-focus: pushes in with the eyes on the upper third line and blurs the background with depth', () => {
    const p = plan('portrait-focus', { ...withFace, out: { width: 1280, height: 720 } });
    const face = withFace.info.face!;
    const eyes = { x: face.x + face.w / 2, y: face.y + 0.4 * face.h };
    const fd = groundDepth(withFace.image)(withFace.info.focus!.x, withFace.info.focus!.y);
    for (let i = 0; i < p.frames; i++) {
      const f = p.frameAt(i);
      const at = viewToOutput(f.pose.view, p.out, eyes.x, eyes.y);
      expect(at.y).toBeCloseTo(720 / 3, 6);
      expect(f.effects.dof.blur).toBeGreaterThan(0);
      expect(f.effects.dof.focusDepth).toBeCloseTo(fd, 12);
    }
    expect(p.frameAt(0).pose.view.w / p.frameAt(p.frames - 1).pose.view.w).toBeCloseTo(1.2, 9);
    const flat = plan('portrait-focus', CASES[1]!);
    expect(flat.frameAt(flat.frames - 1).effects.dof.blur).toBe(0);
  });

  it('portrait-focus: a face near the top puts the eyes as near the third line as the picture allows', () => {
    const high = { ...withFace, out: { width: 1280, height: 720 }, info: { ...withFace.info, face: { x: 250, y: 150, w: 120, h: 150 } } };
    const p = plan('portrait-focus', high);
    const first = p.frameAt(0).pose.view;
    expect(first.cy - first.h / 2).toBeCloseTo(0, 9);
    expect(viewToOutput(first, p.out, 310, 210).y).toBeCloseTo((210 / 675) * 720, 6);
    expect(viewToOutput(p.frameAt(p.frames - 1).pose.view, p.out, 310, 210).y).toBeCloseTo(240, 6);
  });

  it('portrait-focus: the eye line comes as near the upper third as a tall crop of a landscape photo allows', () => {
    const p = plan('portrait-focus', withFace);
    const face = withFace.info.face!;
    const eyeY = face.y + 0.4 * face.h;
    const last = viewToOutput(p.frameAt(p.frames - 1).pose.view, p.out, face.x + face.w / 2, eyeY);
    expect(last.y).toBeCloseTo(1920 / 3, 6);
    const first = viewToOutput(p.frameAt(0).pose.view, p.out, face.x + face.w / 2, eyeY);
    // The first view is the whole height of the picture: the eyes sit where they are in it.
    expect(first.y).toBeCloseTo((eyeY / 800) * 1920, 6);
  });

  it('portrait-focus without a face frames the subject', () => {
    const c = CASES[3]!;
    const p = plan('portrait-focus', c);
    const keep = c.info.keep!;
    const v = p.frameAt(p.frames - 1).pose.view;
    expect(v.cx).toBeCloseTo(keep.x + keep.w / 2, 6);
    expect(v.cy).toBeCloseTo(keep.y + keep.h / 2, 6);
  });

  it('rack-focus: the focus moves steadily from the background to the subject', () => {
    // The subject low in the picture is near (0.65 on the ground plane).
    const near = CASES[2]!;
    const p = plan('rack-focus', near);
    const depths = Array.from({ length: p.frames }, (_, i) => p.frameAt(i).effects.dof.focusDepth);
    const fd = groundDepth(near.image)(near.info.focus!.x, near.info.focus!.y);
    expect(fd).toBeGreaterThan(0.6);
    expect(depths[0]).toBe(0);
    expect(depths.at(-1)).toBeCloseTo(fd, 12);
    for (let i = 1; i < depths.length; i++) expect(depths[i]).toBeGreaterThan(depths[i - 1]!);
    expect(p.frameAt(0).effects.dof.blur).toBeGreaterThan(0);
    // A far subject is racked to from the foreground.
    const far = plan('rack-focus', withFace);
    expect(far.frameAt(0).effects.dof.focusDepth).toBe(1);
    expect(far.frameAt(far.frames - 1).effects.dof.focusDepth).toBeCloseTo(0.15 + (0.7 * 300) / 800, 12);
  });

  it('light-sweep: a band of light crosses the frame from outside to outside', () => {
    const p = plan('light-sweep', withFace);
    const positions = Array.from({ length: p.frames }, (_, i) => p.frameAt(i).effects.sweep!.position);
    expect(positions[0]).toBeLessThan(0);
    expect(positions.at(-1)).toBeGreaterThan(1);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
    expect(p.frameAt(30).effects.sweep!.strength).toBeGreaterThan(0);
  });

  it('film: grain, vignette and a graded picture', () => {
    const e = plan('film', withFace).frameAt(10).effects;
    expect(e.grain).toBeGreaterThan(0);
    expect(e.vignette).toBeGreaterThan(0);
    expect(e.grade.warmth).toBeGreaterThan(0);
    expect(e.grade.saturation).toBeLessThan(1);
  });

  it('particles: float between the background and the subject, the same field in every frame', () => {
    const p = plan('particles', CASES[2]!);
    const fd = groundDepth(CASES[2]!.image)(CASES[2]!.info.focus!.x, CASES[2]!.info.focus!.y);
    const a = p.frameAt(0).effects.particles!;
    expect(a.amount).toBeGreaterThan(0);
    expect(a.depth).toBeGreaterThan(0);
    expect(a.depth).toBeLessThan(fd);
    expect(a.kind).toBe('dust');
    expect(p.frameAt(40).effects.particles!.seed).toBe(a.seed);
    expect(plan('particles', withFace).frameAt(0).effects.particles!.kind).toBe('bokeh');
  });
});
