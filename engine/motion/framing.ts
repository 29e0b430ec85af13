// Smart framing: where a view of the output's aspect sits in the picture so
// that the people or the subject stay in frame and the camera aims at the
// focus (a 9:16 crop of a landscape photo keeps the person), and the
// template context that carries what framing needs.
import type { Point } from '../analysis/types';
import { clamp01 } from './easing';
import type { RenderParams } from '../params';
import type { PictureInfo, Rect, Size, TemplateContext, View } from './types';
import { coverSize, imageRect } from './views';

export interface FramingOptions {
  /** Magnification over the largest view that fits the bounds; 1 by default. */
  zoom?: number;
  /** Where the view's centre should be, in source pixels; the context's focus by default. */
  aim?: Point;
  /** What the view must stay inside; the image by default (templates with parallax inset it). */
  bounds?: Rect;
}

/**
 * The centre on one axis for a view of `size` inside [lo, hi]: nearest the aim
 * among the centres that keep [keepLo, keepHi] inside the view when it fits,
 * or that stay inside it (showing as much of it as possible) when it does not.
 */
function placeAxis(size: number, aim: number, lo: number, hi: number, keep: [number, number] | null): number {
  let min = lo + size / 2;
  let max = hi - size / 2;
  if (min > max) return (lo + hi) / 2;
  if (keep) {
    const [kLo, kHi] = keep;
    const fits = kHi - kLo <= size;
    const kMin = fits ? kHi - size / 2 : kLo + size / 2;
    const kMax = fits ? kLo + size / 2 : kHi - size / 2;
    // When the bounds leave no centre that honours the keep range, the nearest one to it wins.
    if (kMax < min) return min;
    if (kMin > max) return max;
    min = Math.max(min, kMin);
    max = Math.min(max, kMax);
  }
  return Math.min(Math.max(aim, min), max);
}

/**
 * The view with the output's aspect: the largest inside the bounds, zoomed
 * in by `zoom`, positioned (not only centred) so that ctx.keep stays inside
 * it when it fits, and as near to centred on the aim as the bounds allow.
 */
export function framedView(ctx: Pick<TemplateContext, 'image' | 'out' | 'focus' | 'keep'>, options: FramingOptions = {}): View {
  const bounds = options.bounds ?? imageRect(ctx.image);
  const aim = options.aim ?? ctx.focus;
  const zoom = options.zoom ?? 1;
  const cover = coverSize({ width: bounds.w, height: bounds.h }, ctx.out);
  const w = cover.w / zoom;
  const h = cover.h / zoom;
  const k = ctx.keep;
  return {
    cx: placeAxis(w, aim.x, bounds.x, bounds.x + bounds.w, k ? [k.x, k.x + k.w] : null),
    cy: placeAxis(h, aim.y, bounds.y, bounds.y + bounds.h, k ? [k.y, k.y + k.h] : null),
    w,
    h,
  };
}

/**
 * What templates know about a clip. The focus is the user's point (0..1 of
 * the image) when set, else the analysis's, else the centre.
 */
export function templateContext(params: RenderParams, image: Size, out: Size, info: PictureInfo): TemplateContext {
  const focus = params.focus
    ? { x: params.focus.x * image.width, y: params.focus.y * image.height }
    : (info.focus ?? { x: image.width / 2, y: image.height / 2 });
  return {
    image,
    out,
    intensity: params.intensity,
    focus,
    keep: info.keep,
    face: info.face,
    focusDepth: info.depthAt ? clamp01(info.depthAt(focus.x, focus.y)) : 0.5,
    hasDepth: info.depthAt !== null,
  };
}
