// The job parameters: one schema shared by the UI, the worker, the sandbox's
// stored settings and the command line, so every boundary checks the same limits.
import * as v from 'valibot';

export const TEMPLATE_IDS = [
  'zoom-in',
  'zoom-out',
  'pan-left',
  'pan-right',
  'tilt-up',
  'tilt-down',
  'parallax-dolly',
  'parallax-orbit',
  'dolly-zoom',
  'portrait-focus',
  'light-sweep',
  'film',
  'particles',
  'rack-focus',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const EASINGS = ['ease-in-out', 'linear', 'ease-in', 'ease-out'] as const;
export type EasingId = (typeof EASINGS)[number];

/** none: once through; boomerang: there and back; seamless: a smooth cycle whose last frame flows into the first. */
export const LOOP_MODES = ['none', 'boomerang', 'seamless'] as const;
export type LoopMode = (typeof LOOP_MODES)[number];

/** Output aspect presets; `source` keeps the image's own aspect. They set width and height, which are what renders. */
export const ASPECTS = ['source', '1:1', '4:5', '9:16', '16:9'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const FPS_CHOICES = [24, 25, 30, 60] as const;

export const LIMITS = {
  minDuration: 1,
  maxDuration: 30,
  minSide: 16,
  /** 4K UHD on the long side; also the longest texture side every WebGL2 host offers. */
  maxSide: 3840,
} as const;

const evenSide = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(LIMITS.minSide),
  v.maxValue(LIMITS.maxSide),
  v.check((n) => n % 2 === 0, 'width and height must be even (yuv420p video)'),
);

const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

// Fields added after the first release are optional with defaults, so settings stored by it still load.
export const RenderParamsSchema = v.object({
  template: v.picklist(TEMPLATE_IDS),
  duration: v.pipe(v.number(), v.minValue(LIMITS.minDuration), v.maxValue(LIMITS.maxDuration)),
  fps: v.picklist(FPS_CHOICES),
  width: evenSide,
  height: evenSide,
  /** 0..1: how far the camera moves and how strong the effects are. */
  intensity: v.optional(unit, 0.6),
  /** Where the camera aims, in 0..1 image coordinates; null: found by the analysis. */
  focus: v.optional(v.nullable(v.object({ x: unit, y: unit })), null),
  easing: v.optional(v.picklist(EASINGS), 'ease-in-out'),
  loop: v.optional(v.picklist(LOOP_MODES), 'none'),
});
export type RenderParams = v.InferOutput<typeof RenderParamsSchema>;

export const DEFAULT_PARAMS: RenderParams = {
  template: 'zoom-in',
  duration: 4,
  fps: 30,
  width: 1280,
  height: 720,
  intensity: 0.6,
  focus: null,
  easing: 'ease-in-out',
  loop: 'none',
};

/**
 * Width and height for an aspect preset with the given long side (even, within
 * the limits); `source` follows the image's aspect.
 */
export function sizeForAspect(aspect: Aspect, longSide: number, image: { width: number; height: number }): { width: number; height: number } {
  const ratio = aspect === 'source' ? image.width / image.height : Number(aspect.split(':')[0]) / Number(aspect.split(':')[1]);
  const long = Math.min(LIMITS.maxSide, Math.max(LIMITS.minSide, longSide));
  const even = (n: number) => Math.max(LIMITS.minSide, 2 * Math.round(n / 2));
  return ratio >= 1 ? { width: even(long), height: even(long / ratio) } : { width: even(long * ratio), height: even(long) };
}

/** Parses unknown input into RenderParams, or throws one readable line. */
export function parseParams(input: unknown): RenderParams {
  const r = v.safeParse(RenderParamsSchema, input);
  if (r.success) return r.output;
  throw new Error(`Invalid settings: ${describeIssues(r.issues)}`);
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((i) => {
      const path = i.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
