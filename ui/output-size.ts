// The output size as the picker offers it: an aspect preset and a long side,
// which together set the params' width and height (what actually renders).
import { ASPECTS, LIMITS, sizeForAspect, type Aspect } from '../engine/params';

export interface Size {
  width: number;
  height: number;
}

/** Long sides offered: common delivery sizes (1080 and 1350 give 1080 × 1080 and 1080 × 1350 for social posts). */
export const LONG_SIDES = [480, 640, 960, 1080, 1280, 1350, 1920, 2560, 3840] as const;

export const longSide = (size: Size): number => Math.max(size.width, size.height);

const same = (a: Size, b: Size) => a.width === b.width && a.height === b.height;

/**
 * The preset a size was made with, fixed ratios first (they hold for any image);
 * `source` only for this image; null for a size no preset gives (a custom one).
 */
export function matchAspect(size: Size, image: Size | null): Aspect | null {
  const candidates = image ? [...ASPECTS.slice(1), 'source' as const] : ASPECTS.slice(1);
  return candidates.find((aspect) => same(sizeForAspect(aspect, longSide(size), image ?? size), size)) ?? null;
}

/** The sizes the size picker lists for an aspect up to a long side, the current one included even when no long side gives it. */
export function sizeChoices(aspect: Aspect | null, current: Size, image: Size | null, maxSide: number = LIMITS.maxSide): Size[] {
  if (aspect === null || (aspect === 'source' && !image)) return [current];
  const sizes = LONG_SIDES.filter((side) => side <= maxSide).map((side) => sizeForAspect(aspect, side, image ?? current));
  return sizes.some((s) => same(s, current)) ? sizes : [current, ...sizes];
}
