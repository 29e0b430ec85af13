// What the post pass must do for a frame: which effects are on, and the
// frame-constant values their shaders take. Pure, so it is tested under Node.
import type { Effects, LightSweep, Size } from '../motion/types';
import type { FinalEffects } from './post-shaders';

/** Depth-of-field radii are capped here (output px): larger discs would need more taps than a frame can afford. */
export const MAX_BLUR_RADIUS = 32;

/** Effects at 0 are off and cost nothing; depth of field needs depth, so it is off without layers. */
export function activeEffects(e: Effects, hasDepth: boolean): FinalEffects {
  const g = e.grade;
  return {
    dof: hasDepth && e.dof.blur > 0,
    bloom: e.bloom > 0,
    particles: e.particles !== null && e.particles.amount > 0,
    sweep: e.sweep !== null && e.sweep.strength > 0,
    grade: g.exposure !== 0 || g.contrast !== 1 || g.saturation !== 1 || g.warmth !== 0,
    vignette: e.vignette > 0,
    grain: e.grain > 0,
  };
}

export function anyActive(fx: FinalEffects): boolean {
  return Object.values(fx).some(Boolean);
}

/**
 * The sweep's band in output pixels: its direction, its centre's distance
 * along it (position 0 and 1 put the centre on the frame's first and last
 * corner that way) and its width at half maximum (a share of the diagonal).
 */
export function sweepBand(sweep: LightSweep, out: Size): [dx: number, dy: number, centre: number, width: number] {
  const dx = Math.cos(sweep.angle);
  const dy = Math.sin(sweep.angle);
  const along = [0, dx * out.width, dy * out.height, dx * out.width + dy * out.height];
  const lo = Math.min(...along);
  const hi = Math.max(...along);
  return [dx, dy, lo + sweep.position * (hi - lo), Math.max(1, sweep.width * Math.hypot(out.width, out.height))];
}
