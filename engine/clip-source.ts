// The frames an encoder pulls, drawn on demand from a plan: the whole clip, or
// one segment of it (frame i of the source is frame start + i of the clip).
import type { FrameRange } from './encode/segments';
import type { FrameSource } from './encode/types';
import type { ClipPlan } from './motion/types';
import type { FrameRenderer } from './render/types';

export interface TimedFrameSource extends FrameSource {
  /** Milliseconds spent drawing and reading frames so far. */
  readonly renderMs: number;
}

export function clipSource(plan: ClipPlan, renderer: FrameRenderer, range: FrameRange = { start: 0, end: plan.frames }): TimedFrameSource {
  let renderMs = 0;
  const timed = (work: () => void) => {
    const t = performance.now();
    work();
    renderMs += performance.now() - t;
  };
  return {
    width: plan.out.width,
    height: plan.out.height,
    fps: plan.fps,
    frames: range.end - range.start,
    get renderMs() {
      return renderMs;
    },
    readRGBA: (i, dst) =>
      timed(() => {
        renderer.draw(plan.frameAt(range.start + i), true);
        renderer.read(dst);
      }),
  };
}
