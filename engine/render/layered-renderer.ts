// The WebGL2 FrameRenderer: camera moves over a still with parallax between
// its depth layers, then the frame's effects. It owns its GL objects and
// frees them in dispose(); the caller owns the canvas.
//
// Per frame: a colour pass into a linear-light scene target (depth in alpha),
// flat or layered (colour-pass.ts), then the post pass (post-pass.ts). A flat
// frame without effects skips the target and draws sRGB straight to the
// canvas: exactly the 2D renderer's pixels, at its speed.
import type { FrameSpec, Size } from '../motion/types';
import type { SceneLayers } from '../scene/types';
import { drawFlat, drawLayered, type ColourInputs } from './colour-pass';
import { activeEffects, anyActive } from './effects';
import { createContext, ProgramCache } from './gl-util';
import { GpuLayers } from './layers-gpu';
import { drawPost } from './post-pass';
import { uploadSource, type WorkingSource } from './reduce';
import { DOWNSCALE_FS, FULLSCREEN_VS } from './shaders';
import { RenderTargets } from './targets';
import type { FrameRenderer, Pixels } from './types';

export class LayeredRenderer implements FrameRenderer {
  private readonly gl: WebGL2RenderingContext;
  private readonly programs: ProgramCache;
  private readonly targets: RenderTargets;
  private readonly vao: WebGLVertexArrayObject;
  private source: WorkingSource | null = null;
  private layers: GpuLayers | null = null;

  constructor(readonly canvas: OffscreenCanvas) {
    const gl = createContext(canvas);
    this.gl = gl;
    this.programs = new ProgramCache(gl);
    this.targets = new RenderTargets(gl);
    this.vao = gl.createVertexArray()!;
  }

  setScene(image: Pixels, layers: SceneLayers | null, minSourcePerOutput: number): void {
    this.releaseScene();
    const downscale = this.programs.get('downscale', () => [FULLSCREEN_VS, DOWNSCALE_FS]);
    this.source = uploadSource(this.gl, downscale, this.vao, image, minSourcePerOutput);
    this.layers = layers ? new GpuLayers(this.gl, layers) : null;
  }

  draw(frame: FrameSpec, flipY = false): void {
    if (!this.source) throw new Error('No source image.');
    const out: Size = { width: this.canvas.width, height: this.canvas.height };
    const layers = this.layers;
    // Without layers the picture is flat: depth and its effects have nothing to act on.
    const spec = layers ? frame : { ...frame, depth: { ...frame.depth, strength: 0 } };
    const fx = activeEffects(spec.effects, layers !== null);
    const { x, y, z } = spec.pose.shift;
    const colour: ColourInputs = { gl: this.gl, programs: this.programs, vao: this.vao, source: this.source, layers };
    const flat = !layers || spec.depth.strength === 0 || (x === 0 && y === 0 && z === 0);
    if (flat && !anyActive(fx)) {
      drawFlat(colour, spec, out, null, flipY);
      return;
    }
    const scene = this.targets.scene(out);
    if (flat) drawFlat(colour, spec, out, scene, flipY);
    else drawLayered(colour, layers!, spec, out, scene);
    drawPost({ gl: this.gl, programs: this.programs, vao: this.vao, targets: this.targets, image: this.source.image }, spec, fx, scene, out, flipY);
  }

  /** Blanks the canvas, so no picture of a released image stays on screen. */
  clear(): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }

  /** Reads the canvas's RGBA pixels; call right after draw(frame, true) for top-row-first order. */
  read(dst: Uint8Array): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, this.canvas.width, this.canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, dst);
  }

  dispose(): void {
    this.releaseScene();
    this.targets.dispose();
    this.programs.dispose();
    this.gl.deleteVertexArray(this.vao);
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  private releaseScene(): void {
    if (this.source) this.gl.deleteTexture(this.source.texture);
    this.layers?.dispose();
    this.source = null;
    this.layers = null;
  }
}
