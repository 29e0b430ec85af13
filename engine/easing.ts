// Easing curves: maps of [0,1] onto [0,1] with eased ends, pure and exact at 0 and 1.
export type Easing = (t: number) => number;

export const linear: Easing = (t) => t;

/** Sinusoidal ease-in-out: zero velocity at both ends, gentlest acceleration of the smooth curves. */
export const easeInOutSine: Easing = (t) => 0.5 - 0.5 * Math.cos(Math.PI * t);

export const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : t);
