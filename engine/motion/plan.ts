// Clip planning: the template, the user's settings and what the analysis saw
// become every frame of the clip, as a pure function, so the preview and the
// export draw the same frames. Everything is in source pixels with sub-pixel
// precision; nothing is rounded to whole pixels.
import type { RenderParams } from '../params';
import { disparity } from './camera';
import { EASING } from './easing';
import { templateContext } from './framing';
import { getTemplate } from './templates';
import { frameCount, progressAt } from './timing';
import type { ClipPlan, FrameSpec, PictureInfo, Size } from './types';

/** For callers without an analysis: templates fall back to the centre and a flat picture. */
export const NO_PICTURE_INFO: PictureInfo = { focus: null, keep: null, face: null, depthAt: null };

/**
 * Source pixels per output pixel where the frame magnifies the picture most:
 * moving forward by z magnifies a layer at disparity q by 1 / (1 - z·q), most
 * at the nearest depth (or, moving back, the farthest).
 */
export function sourcePerOutput(frame: FrameSpec, out: Size): number {
  const z = frame.pose.shift.z;
  const shrink = Math.min(1 - z * disparity(0, frame.depth), 1 - z * disparity(1, frame.depth));
  return (frame.pose.view.w / out.width) * shrink;
}

export function planClip(params: RenderParams, size: Size, info: PictureInfo): ClipPlan {
  // The numbers, not the caller's object: an ImageBitmap's size reads 0 × 0 once it is closed, and moves
  // read the image's size for every frame (the segment worker closes its bitmap once it is uploaded).
  const image = { width: size.width, height: size.height };
  const template = getTemplate(params.template);
  const out = { width: params.width, height: params.height };
  const ctx = templateContext(params, image, out, info);
  const frames = frameCount(params);
  const ease = EASING[params.easing];
  const frameAt = (i: number): FrameSpec => ({ ...template.frame(progressAt(i, frames, params.loop, ease), ctx), time: i / params.fps });
  return {
    template,
    frames,
    fps: params.fps,
    image,
    out,
    frameAt,
    minSourcePerOutput() {
      let least = Infinity;
      for (let i = 0; i < frames; i++) least = Math.min(least, sourcePerOutput(frameAt(i), out));
      return least;
    },
  };
}
