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

/** Containers a clip can be delivered in. */
export const FORMATS = ['mp4', 'webm', 'gif'] as const;
export type Format = (typeof FORMATS)[number];

/** Video codecs for mp4 and webm (a GIF has its own). WebM holds VP9 and AV1 only. */
export const VIDEO_CODECS = ['h264', 'vp9', 'av1'] as const;
export type VideoCodec = (typeof VIDEO_CODECS)[number];

/** standard: quick, generous bitrate; high: the smallest file at the same look (x264 veryfast rather than ultrafast, with CRF). */
export const QUALITIES = ['standard', 'high'] as const;
export type Quality = (typeof QUALITIES)[number];

/** auto picks by probing the host; the others insist (and fail clearly where the host lacks them). */
export const ENCODER_CHOICES = ['auto', 'webcodecs', 'ffmpeg'] as const;
export type EncoderChoice = (typeof ENCODER_CHOICES)[number];

export const GIF_DITHERS = ['ordered', 'diffusion', 'none'] as const;
export type GifDither = (typeof GIF_DITHERS)[number];

export const LIMITS = {
  minDuration: 1,
  maxDuration: 30,
  minSide: 16,
  /** 4K UHD on the long side; also the longest texture side every WebGL2 host offers. */
  maxSide: 3840,
  /** Parallel encoder workers (each holds its own ffmpeg.wasm and a copy of the picture). */
  maxWorkers: 8,
  /** A GIF's long side: 1080p, the largest anyone embeds (files grow fast beyond it). */
  gifMaxSide: 1920,
  /** GIF frame delays are whole centiseconds and browsers slow delays under 2 cs to 10 cs: 30 fps is the most that plays true. */
  gifMaxFps: 30,
  gifMinColours: 16,
  gifMaxColours: 256,
} as const;

const evenSide = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(LIMITS.minSide),
  v.maxValue(LIMITS.maxSide),
  v.check((n) => n % 2 === 0, 'width and height must be even (yuv420p video)'),
);

const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const GifOptionsSchema = v.object({
  /** Palette size: one palette for the whole clip. */
  colours: v.pipe(v.number(), v.integer(), v.minValue(LIMITS.gifMinColours), v.maxValue(LIMITS.gifMaxColours)),
  /** ordered (Bayer) keeps still areas still from frame to frame; diffusion is finer but shimmers in motion. */
  dither: v.picklist(GIF_DITHERS),
  /** Play forever (true) or once. */
  loop: v.boolean(),
});
export type GifOptions = v.InferOutput<typeof GifOptionsSchema>;
export const DEFAULT_GIF: GifOptions = { colours: 256, dither: 'ordered', loop: true };

// Fields added after the first release are optional with defaults, so settings stored by it still load.
const RenderFields = v.object({
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
  format: v.optional(v.picklist(FORMATS), 'mp4'),
  codec: v.optional(v.picklist(VIDEO_CODECS), 'h264'),
  quality: v.optional(v.picklist(QUALITIES), 'standard'),
  encoder: v.optional(v.picklist(ENCODER_CHOICES), 'auto'),
  /** Encoder workers for the wasm path; null: as many as the host's cores and memory allow. */
  workers: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxWorkers))), null),
  gif: v.optional(GifOptionsSchema, DEFAULT_GIF),
});

/** Every combination the encoders can make, checked wherever params cross a boundary. */
export const RenderParamsSchema = v.pipe(
  RenderFields,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = combinationProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);
export type RenderParams = v.InferOutput<typeof RenderParamsSchema>;

/** Why these settings cannot be made, or null. */
export function combinationProblem(p: v.InferOutput<typeof RenderFields>): string | null {
  if (p.format === 'webm' && p.codec === 'h264') return 'WebM holds VP9 or AV1, not H.264; choose MP4 for H.264';
  if (p.format === 'gif') {
    if (p.encoder === 'webcodecs') return 'WebCodecs does not make GIFs; use the auto or ffmpeg encoder';
    if (Math.max(p.width, p.height) > LIMITS.gifMaxSide) return `a GIF is at most ${LIMITS.gifMaxSide} px on its long side`;
    if (p.fps > LIMITS.gifMaxFps) return `a GIF plays at most ${LIMITS.gifMaxFps} fps`;
  } else if (p.codec !== 'h264' && p.encoder === 'ffmpeg') {
    // @ffmpeg/core 0.12.10's libvpx-vp9 crashes (memory access out of bounds) and it has no AV1 encoder.
    return `${p.codec === 'av1' ? 'AV1' : 'VP9'} needs WebCodecs; the ffmpeg.wasm encoder makes H.264 and GIF`;
  }
  return null;
}

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
  format: 'mp4',
  codec: 'h264',
  quality: 'standard',
  encoder: 'auto',
  workers: null,
  gif: DEFAULT_GIF,
};

export const SOCIAL_PRESETS = ['vertical', 'portrait', 'square', 'landscape'] as const;
export type SocialPreset = (typeof SOCIAL_PRESETS)[number];

/**
 * One click to a file every network takes as it is: H.264 High, yuv420p,
 * BT.709 tags and faststart (what both H.264 encoders write), at the size the
 * network shows, 30 fps.
 */
export const SOCIAL_PRESET_SETTINGS: Record<SocialPreset, { label: string; width: number; height: number }> = {
  vertical: { label: 'Vertical 9:16 · 1080×1920', width: 1080, height: 1920 },
  portrait: { label: 'Portrait 4:5 · 1080×1350', width: 1080, height: 1350 },
  square: { label: 'Square 1:1 · 1080×1080', width: 1080, height: 1080 },
  landscape: { label: 'Landscape 16:9 · 1920×1080', width: 1920, height: 1080 },
};

export function applySocialPreset(params: RenderParams, preset: SocialPreset): RenderParams {
  const { width, height } = SOCIAL_PRESET_SETTINGS[preset];
  return { ...params, width, height, fps: 30, format: 'mp4', codec: 'h264' };
}

/** The social preset these params match, or null. */
export function matchSocialPreset(p: RenderParams): SocialPreset | null {
  return (
    SOCIAL_PRESETS.find((id) => {
      const s = SOCIAL_PRESET_SETTINGS[id];
      return p.width === s.width && p.height === s.height && p.fps === 30 && p.format === 'mp4' && p.codec === 'h264';
    }) ?? null
  );
}

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
