// Easing curves: maps of [0,1] onto [0,1], pure and exact at 0 and 1. Sine
// curves throughout: the gentlest acceleration of the smooth families.
import type { EasingId } from '../params';

export type Easing = (t: number) => number;

export const linear: Easing = (t) => t;

/** Zero velocity at both ends. */
export const easeInOutSine: Easing = (t) => 0.5 - 0.5 * Math.cos(Math.PI * t);

/** Starts at rest, ends at full speed. Written with sin so that both ends are exact in floating point. */
export const easeInSine: Easing = (t) => 1 - Math.sin((Math.PI / 2) * (1 - t));

/** Starts at full speed, ends at rest. */
export const easeOutSine: Easing = (t) => Math.sin((Math.PI / 2) * t);

export const EASING: Readonly<Record<EasingId, Easing>> = {
  'ease-in-out': easeInOutSine,
  linear,
  'ease-in': easeInSine,
  'ease-out': easeOutSine,
};

export const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : t);
