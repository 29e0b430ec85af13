// The template picker's thumbnails: each template's frame at the current
// picture, drawn in the worker into small canvases the UI transferred, so no
// pixels travel back to the UI. One renderer on its own small canvas draws
// them all and each is copied out with a 2D drawImage: a WebGL context per
// thumbnail would run into the browser's limit on live contexts.
import type { ThumbnailCanvas } from './api';
import { createFrameRenderer, SceneHolder, type Picture } from './frame-renderer';
import { planClip } from './motion/plan';
import { sizeForAspect, type RenderParams } from './params';
import type { FrameRenderer } from './render/types';

/** Longest side in canvas pixels: a tile is about 80 CSS px wide, so this stays sharp on a 1.5× display. */
const THUMBNAIL_LONGEST = 128;
/** How far into the move a thumbnail shows: far enough along that moves and effects have built up. */
const PROGRESS = 0.7;

export class Thumbnails {
  private canvases: readonly ThumbnailCanvas[] = [];
  private picture: Picture | null = null;
  private params: RenderParams | null = null;
  private renderer: FrameRenderer | null = null;
  private scene: SceneHolder | null = null;
  /** What the canvases show (size, intensity, focus; '' for nothing): only a change redraws them. */
  private drawn = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  attach(canvases: readonly ThumbnailCanvas[]): void {
    this.canvases = canvases;
    this.drawn = '';
    this.schedule();
  }

  setPicture(picture: Picture | null): void {
    this.picture = picture;
    this.drawn = '';
    if (!picture) {
      for (const { canvas } of this.canvases) canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    }
    this.schedule();
  }

  /** Follows the preview's parameters; null (a render is running) keeps what is shown. */
  show(params: RenderParams | null): void {
    if (!params) return;
    this.params = params;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // Deferred, so a burst of changes (a slider drag) draws once and never holds up the preview.
    this.timer = setTimeout(() => this.draw(), 0);
  }

  private draw(): void {
    const { picture, params } = this;
    if (!picture || !params || this.canvases.length === 0) return;
    const size = sizeForAspect('source', THUMBNAIL_LONGEST, params);
    const key = JSON.stringify([size, params.intensity, params.focus]);
    if (key === this.drawn) return;
    this.renderer ??= createFrameRenderer(new OffscreenCanvas(size.width, size.height));
    this.scene ??= new SceneHolder(this.renderer);
    const renderer = this.renderer;
    if (renderer.canvas.width !== size.width || renderer.canvas.height !== size.height) {
      renderer.canvas.width = size.width;
      renderer.canvas.height = size.height;
    }
    // Easing, loop, length and frame rate do not change how a template looks; a short linear clip plans fastest.
    const plans = this.canvases.map(({ id }) =>
      planClip({ ...params, ...size, template: id, duration: 2, fps: 24, easing: 'linear', loop: 'none' }, picture.bitmap, picture.info),
    );
    // One reduced copy of the picture serves every template.
    this.scene.show(picture, Math.min(...plans.map((plan) => plan.minSourcePerOutput())));
    plans.forEach((plan, k) => {
      const { canvas } = this.canvases[k]!;
      renderer.draw(plan.frameAt(Math.round(PROGRESS * (plan.frames - 1))));
      if (canvas.width !== size.width || canvas.height !== size.height) {
        canvas.width = size.width;
        canvas.height = size.height;
      }
      canvas.getContext('2d')?.drawImage(renderer.canvas, 0, 0);
    });
    this.drawn = key;
  }
}
