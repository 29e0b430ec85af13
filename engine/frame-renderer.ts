// What the preview, the thumbnails and the export draw, and the renderer they
// draw it with: the same one everywhere, so the preview shows the clip.
import type { PictureInfo } from './motion/types';
import { LayeredRenderer } from './render/layered-renderer';
import { CpuRenderer } from './scene/cpu-render';
import type { FrameRenderer } from './render/types';
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
    return new LayeredRenderer(canvas);
  } catch {
    // No WebGL2 context was made, so the canvas is still free for the CPU renderer's 2D one.
    return new CpuRenderer(canvas);
  }
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
