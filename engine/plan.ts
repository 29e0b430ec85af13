// Camera planning: each template maps clip time to the part of the source image
// in view, as a pure function. Everything is in source pixels with sub-pixel
// precision; nothing is ever rounded to whole pixels.
import { clamp01, easeInOutSine, type Easing } from './easing';
import type { RenderParams, TemplateId } from './params';

/** The visible rectangle of the source, by centre and size, in source pixels (pixel centres at k + 0.5). */
export interface View {
  cx: number;
  cy: number;
  w: number;
  h: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Template {
  id: TemplateId;
  name: string;
  description: string;
  /** The view at normalised clip time t ∈ [0, 1]. */
  view(t: number, image: Size, out: Size): View;
}

/** The largest rectangle with the output's aspect ratio that fits inside the image, centred. */
export function coverView(image: Size, out: Size): View {
  const aspect = out.width / out.height;
  const w = Math.min(image.width, image.height * aspect);
  const h = w / aspect;
  return { cx: image.width / 2, cy: image.height / 2, w, h };
}

/** Moves a view's centre so the view stays inside the image. */
function keepInside(view: View, image: Size): View {
  const cx = Math.min(Math.max(view.cx, view.w / 2), image.width - view.w / 2);
  const cy = Math.min(Math.max(view.cy, view.h / 2), image.height - view.h / 2);
  return { ...view, cx, cy };
}

const ZOOM_IN_FACTOR = 1.25;
const PAN_ZOOM = 1.2;
/** The longest pan, as a share of the view's width: keeps the move calm on wide images. */
const PAN_MAX_TRAVEL = 0.35;

/** Zooms geometrically (constant perceived speed) between two magnifications about the image centre. */
function zoomView(from: number, to: number, ease: Easing) {
  return (t: number, image: Size, out: Size): View => {
    const base = coverView(image, out);
    const z = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * ease(clamp01(t)));
    return keepInside({ cx: base.cx, cy: base.cy, w: base.w / z, h: base.h / z }, image);
  };
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'zoom-in',
    name: 'Zoom in',
    description: 'A slow push in towards the centre of the picture.',
    view: zoomView(1, ZOOM_IN_FACTOR, easeInOutSine),
  },
  {
    id: 'pan-right',
    name: 'Pan right',
    description: 'The camera glides from left to right across the picture.',
    view(t, image, out) {
      const base = coverView(image, out);
      const w = base.w / PAN_ZOOM;
      const h = base.h / PAN_ZOOM;
      const travel = Math.min(image.width - w, w * PAN_MAX_TRAVEL);
      const cx = image.width / 2 - travel / 2 + travel * easeInOutSine(clamp01(t));
      return { cx, cy: image.height / 2, w, h };
    },
  },
];

export function getTemplate(id: TemplateId): Template {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`Unknown template "${id}"`);
  return template;
}

/** Frames in a clip: whole frames covering the duration, at least two so there is motion. */
export function frameCount(params: Pick<RenderParams, 'duration' | 'fps'>): number {
  return Math.max(2, Math.round(params.duration * params.fps));
}

/** Normalised time of frame i: the first frame shows the start of the move and the last its end. */
export function frameTime(i: number, frames: number): number {
  return frames <= 1 ? 0 : i / (frames - 1);
}

/** A clip's camera path, sampled per frame. */
export function planClip(params: RenderParams, image: Size) {
  const template = getTemplate(params.template);
  const out = { width: params.width, height: params.height };
  const frames = frameCount(params);
  return {
    template,
    out,
    frames,
    viewAt: (i: number): View => template.view(frameTime(i, frames), image, out),
    /** The least source pixels per output pixel over the clip, sampled at every frame. */
    minSourcePerOutput(): number {
      let least = Infinity;
      for (let i = 0; i < frames; i++) least = Math.min(least, this.viewAt(i).w / out.width);
      return least;
    },
  };
}
export type ClipPlan = ReturnType<typeof planClip>;

/**
 * Where a source point lands in the output for a view, in output pixels (continuous
 * coordinates: the output's top-left corner is (0, 0)). The renderer uses the inverse.
 */
export function sourceToOutput(view: View, out: Size, x: number, y: number): { x: number; y: number } {
  return {
    x: (x - (view.cx - view.w / 2)) * (out.width / view.w),
    y: (y - (view.cy - view.h / 2)) * (out.height / view.h),
  };
}
