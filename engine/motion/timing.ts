// Clip timing: which progress p along the template's move each frame shows,
// from the frame count, the easing and the loop mode. Templates only see p.
import type { LoopMode, RenderParams } from '../params';
import { clamp01, type Easing } from './easing';

/** Frames in a clip: whole frames covering the duration, at least two so there is motion. */
export function frameCount(params: Pick<RenderParams, 'duration' | 'fps'>): number {
  return Math.max(2, Math.round(params.duration * params.fps));
}

/**
 * Progress (0..1) of frame i of `frames`.
 * - none: once through; the first frame is the start of the move, the last its end.
 * - boomerang: there and back; the first and last frames are the same.
 * - seamless: one cosine cycle over u = i / frames, so frame `frames` would be
 *   frame 0 and the last frame flows into the first. The easing shapes the
 *   cycle's speed but, applied to a periodic signal, cannot break it.
 */
export function progressAt(i: number, frames: number, loop: LoopMode, ease: Easing): number {
  if (frames <= 1) return ease(0);
  if (loop === 'seamless') return ease(0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frames));
  const t = clamp01(i / (frames - 1));
  return ease(loop === 'boomerang' ? 1 - Math.abs(2 * t - 1) : t);
}
