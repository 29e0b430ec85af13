// What the preview and the thumbnails draw, and the renderer they draw it
// with. Until the layered renderer lands, frames are drawn flat by the 2D
// GlRenderer: the pose's view, without depth or effects.
import type { FrameSpec, PictureInfo } from './motion/types';
import { GlRenderer } from './render/gl-renderer';
import { CpuRenderer } from './scene/cpu-render';
import type { FrameRenderer, Pixels } from './render/types';
import type { SceneLayers } from './scene/types';

/** The decoded image with what the analysis made of it: everything a plan and a renderer need. */
export interface Picture {
  bitmap: ImageBitmap;
  info: PictureInfo;
  layers: SceneLayers | null;
}

/** WebGL2 where the host has it; otherwise the CPU reference renderer, which draws 2D moves only. */
export function createFrameRenderer(canvas: OffscreenCanvas): FrameRenderer {
  try {
    return glFrameRenderer(canvas);
  } catch {
    // No WebGL2 context was made, so the canvas is still free for the CPU renderer's 2D one.
    return new CpuRenderer(canvas);
  }
}

function glFrameRenderer(canvas: OffscreenCanvas): FrameRenderer {
  const gl = new GlRenderer(canvas);
  return {
    canvas,
    setScene: (image: Pixels, _layers, minSourcePerOutput: number) => gl.setSource(image, minSourcePerOutput),
    draw: (frame: FrameSpec, flipY?: boolean) => gl.draw(frame.pose.view, flipY),
    read: (dst) => gl.read(dst),
    clear: () => gl.clear(),
    dispose: () => gl.dispose(),
  };
}

/**
 * Gives a renderer its scene only when it must: for a new picture, or when a
 * clip needs more detail than the reduced copy holds, or far less (a wide
 * kernel over it would be slow). Parameter changes (a slider drag) then
 * re-plan without uploading and reducing the whole picture again.
 */
export class SceneHolder {
  private picture: Picture | null = null;
  private reducedTo = 0;

  constructor(private readonly renderer: FrameRenderer) {}

  show(picture: Picture, minSourcePerOutput: number): void {
    // Below 1 the clip needs the whole picture, as at 1.
    const needed = Math.max(1, minSourcePerOutput);
    if (picture === this.picture && needed >= this.reducedTo && needed <= 2 * this.reducedTo) return;
    this.renderer.setScene(picture.bitmap, picture.layers, needed);
    this.picture = picture;
    this.reducedTo = needed;
  }
}
