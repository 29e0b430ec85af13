// The live preview: the worker draws the planned move, looping, into a canvas
// the UI transferred to it, so the source pixels never travel back to the UI.
import { planClip, type ClipPlan } from './plan';
import type { RenderParams } from './params';
import { GlRenderer } from './render/gl-renderer';

/** The preview's longest side in canvas pixels: sharp in a 360 px wide panel on a 2× display. */
const PREVIEW_LONGEST = 640;

export class Preview {
  private renderer: GlRenderer;
  private plan: ClipPlan | null = null;
  private image: ImageBitmap | null = null;
  private frame = 0;
  private started = 0;

  constructor(private readonly canvas: OffscreenCanvas) {
    this.renderer = new GlRenderer(canvas);
  }

  setImage(image: ImageBitmap | null): void {
    this.image = image;
    this.plan = null;
    if (!image) {
      cancelAnimationFrame(this.frame);
      this.renderer.clear();
    }
  }

  /** Starts (or restarts) the loop for these parameters; null stops it. */
  show(params: RenderParams | null): void {
    cancelAnimationFrame(this.frame);
    if (!params || !this.image) return;
    const fit = PREVIEW_LONGEST / Math.max(params.width, params.height);
    const out = { ...params, width: Math.round(params.width * fit), height: Math.round(params.height * fit) };
    this.canvas.width = out.width;
    this.canvas.height = out.height;
    this.plan = planClip(out, { width: this.image.width, height: this.image.height });
    this.renderer.setSource(this.image, this.plan.minSourcePerOutput());
    this.started = performance.now();
    const tick = (now: number) => {
      const plan = this.plan;
      if (!plan) return;
      const period = (plan.frames / out.fps) * 1000;
      const i = Math.min(plan.frames - 1, Math.floor((((now - this.started) % period) / period) * plan.frames));
      this.renderer.draw(plan.viewAt(i));
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.plan = null;
    this.image = null;
    this.renderer.dispose();
  }
}
