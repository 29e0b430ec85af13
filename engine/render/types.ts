// What every renderer offers: the WebGL2 layered renderer (engine/render/) and
// the CPU reference renderer (engine/scene/cpu-render.ts, the fallback where
// WebGL2 is missing). The caller owns the canvas.
import type { FrameSpec } from '../motion/types';
import type { SceneLayers } from '../scene/types';

export type Pixels = ImageBitmap | OffscreenCanvas;

export interface FrameRenderer {
  readonly canvas: OffscreenCanvas;
  /**
   * The picture and, once analysed, its layers (null: a flat picture, 3D moves
   * and depth effects flatten). `minSourcePerOutput` (from the plan) lets the
   * renderer reduce the picture once per job when the clip never needs it all.
   */
  setScene(image: Pixels, layers: SceneLayers | null, minSourcePerOutput: number): void;
  /** Draws one frame to the canvas; `flipY` orders rows for read() (top row first). */
  draw(frame: FrameSpec, flipY?: boolean): void;
  /** The canvas's RGBA pixels, top row first after draw(frame, true). */
  read(dst: Uint8Array): void;
  /** Blanks the canvas, so no picture of a released image stays on screen. */
  clear(): void;
  dispose(): void;
}
