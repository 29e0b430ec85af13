// WebGL2 renderer for 2D camera moves over one still. It owns its GL objects
// and frees them in dispose(); the caller owns the canvas.
import type { Size, View } from '../motion/types';
import { createContext, linkProgram, type Program } from './gl-util';
import { uploadSource, type WorkingSource } from './reduce';
import { cameraShader, DOWNSCALE_FS, FULLSCREEN_VS } from './shaders';
import type { Pixels } from './types';

export type { Pixels };

export class GlRenderer {
  readonly gl: WebGL2RenderingContext;
  /** Camera programs for magnified (step ≤ 1) and minified views. */
  private readonly magnify: Program;
  private readonly minify: Program;
  private readonly downscale: Program;
  private readonly vao: WebGLVertexArrayObject;
  private source: WorkingSource | null = null;

  constructor(readonly canvas: OffscreenCanvas) {
    const gl = createContext(canvas);
    this.gl = gl;
    this.magnify = linkProgram(gl, FULLSCREEN_VS, cameraShader(false));
    this.minify = linkProgram(gl, FULLSCREEN_VS, cameraShader(true));
    this.downscale = linkProgram(gl, FULLSCREEN_VS, DOWNSCALE_FS);
    this.vao = gl.createVertexArray()!;
  }

  get maxTextureSize(): number {
    return this.gl.getParameter(this.gl.MAX_TEXTURE_SIZE) as number;
  }

  /**
   * Uploads the source and, when the clip never needs its full resolution,
   * reduces it once so that `minSourcePerOutput` becomes 1.
   */
  setSource(pixels: Pixels, minSourcePerOutput: number): void {
    this.releaseSource();
    this.source = uploadSource(this.gl, this.downscale, this.vao, pixels, minSourcePerOutput);
  }

  /** Draws the view to the canvas; `flipY` orders rows for readPixels (top row first). */
  draw(view: View, flipY = false): void {
    const gl = this.gl;
    if (!this.source) throw new Error('No source image.');
    const out: Size = { width: this.canvas.width, height: this.canvas.height };
    const { x: rx, y: ry } = this.source.reduction;
    // Working-texture coordinates: the source scaled per axis (pixel edges stay aligned).
    const step = [view.w / out.width / rx, view.h / out.height / ry] as const;
    const camera = step[0] > 1 || step[1] > 1 ? this.minify : this.magnify;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, out.width, out.height);
    gl.useProgram(camera.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.source.texture);
    gl.uniform1i(camera.loc('u_src'), 0);
    gl.uniform2f(camera.loc('u_origin'), (view.cx - view.w / 2) / rx, (view.cy - view.h / 2) / ry);
    gl.uniform2f(camera.loc('u_step'), step[0], step[1]);
    gl.uniform1f(camera.loc('u_outHeight'), out.height);
    gl.uniform1i(camera.loc('u_flipY'), flipY ? 1 : 0);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** Blanks the canvas, so no picture of a released image stays on screen. */
  clear(): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }

  /** Reads the canvas's RGBA pixels; call right after draw(view, true) for top-row-first order. */
  read(dst: Uint8Array): void {
    const gl = this.gl;
    gl.readPixels(0, 0, this.canvas.width, this.canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, dst);
  }

  dispose(): void {
    const gl = this.gl;
    this.releaseSource();
    this.magnify.dispose();
    this.minify.dispose();
    this.downscale.dispose();
    gl.deleteVertexArray(this.vao);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  private releaseSource(): void {
    if (this.source) this.gl.deleteTexture(this.source.texture);
    this.source = null;
  }
}
