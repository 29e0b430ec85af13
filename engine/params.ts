// The job parameters: one schema shared by the UI, the worker, the sandbox's
// stored settings and the command line, so every boundary checks the same limits.
import * as v from 'valibot';

export const TEMPLATE_IDS = ['zoom-in', 'pan-right'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

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

export const RenderParamsSchema = v.object({
  template: v.picklist(TEMPLATE_IDS),
  duration: v.pipe(v.number(), v.minValue(LIMITS.minDuration), v.maxValue(LIMITS.maxDuration)),
  fps: v.picklist(FPS_CHOICES),
  width: evenSide,
  height: evenSide,
});
export type RenderParams = v.InferOutput<typeof RenderParamsSchema>;

export const DEFAULT_PARAMS: RenderParams = {
  template: 'zoom-in',
  duration: 4,
  fps: 30,
  width: 1280,
  height: 720,
};

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
