// The live preview: the worker draws the planned move, looping, into a canvas
// the UI transferred to it, so the source pixels never travel back to the UI.
import type { ImagePoint } from './api';
import { createFrameRenderer, SceneHolder, type Picture } from './frame-renderer';
import { clamp01 } from './motion/easing';
import { planClip } from './motion/plan';
import { focalPlanePoint } from './motion/camera';
import type { ClipPlan } from './motion/types';
import type { RenderParams } from './params';
import type { FrameRenderer } from './render/types';

/** The preview's longest side in canvas pixels: sharp in a 360 px wide panel on a 2× display. */
const PREVIEW_LONGEST = 640;

export class Preview {
  private readonly renderer: FrameRenderer;
  private readonly scene: SceneHolder;
  private picture: Picture | null = null;
  private params: RenderParams | null = null;
  private plan: ClipPlan | null = null;
  /** The frame index on the canvas (-1: none); a frame is drawn only when the index changes. */
  private shown = -1;
  private raf = 0;
  /** Kept across parameter changes, so dragging a slider does not send the move back to its start at every step. */
  private started = performance.now();

  constructor(private readonly canvas: OffscreenCanvas) {
    this.renderer = createFrameRenderer(canvas);
    this.scene = new SceneHolder(this.renderer);
  }

  setPicture(picture: Picture | null): void {
    this.picture = picture;
    this.started = performance.now();
    this.restart();
    if (!picture) this.renderer.clear();
  }

  /** Plays the move for these parameters; null stops it (the last frame stays). */
  show(params: RenderParams | null): void {
    this.params = params;
    this.restart();
  }

  /** The image point (0..1 of its width and height) under a point of the preview (0..1 of the canvas) in the frame on screen. */
  pointToImage(u: number, v: number): ImagePoint | null {
    if (!this.plan || this.shown < 0) return null;
    const { pose } = this.plan.frameAt(this.shown);
    const { image } = this.plan;
    const p = focalPlanePoint(pose, image, pose.view.cx + (u - 0.5) * pose.view.w, pose.view.cy + (v - 0.5) * pose.view.h);
    return { x: clamp01(p.x / image.width), y: clamp01(p.y / image.height) };
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.plan = null;
    this.picture = null;
    this.renderer.dispose();
  }

  private restart(): void {
    cancelAnimationFrame(this.raf);
    this.plan = null;
    this.shown = -1;
    const { picture, params } = this;
    if (!picture || !params) return;
    const fit = PREVIEW_LONGEST / Math.max(params.width, params.height);
    const out = { ...params, width: Math.round(params.width * fit), height: Math.round(params.height * fit) };
    // Resizing blanks the canvas, so only a new aspect does it.
    if (this.canvas.width !== out.width || this.canvas.height !== out.height) {
      this.canvas.width = out.width;
      this.canvas.height = out.height;
    }
    const plan = planClip(out, picture.bitmap, picture.info);
    this.plan = plan;
    this.scene.show(picture, plan.minSourcePerOutput());
    const period = (plan.frames / plan.fps) * 1000;
    const tick = (now: number) => {
      const i = Math.min(plan.frames - 1, Math.floor(((Math.max(0, now - this.started) % period) / period) * plan.frames));
      if (i !== this.shown) {
        this.renderer.draw(plan.frameAt(i));
        this.shown = i;
      }
      this.raf = requestAnimationFrame(tick);
    };
    // The first frame now, not a frame later: the canvas never shows a blank between two moves.
    tick(performance.now());
  }
}
