// WebGL2 renderer for camera moves over one still. It owns its GL objects and
// frees them in dispose(); the caller owns the canvas.
import type { Size, View } from '../plan';
import { cameraShader, DOWNSCALE_FS, FULLSCREEN_VS } from './shaders';

/** Largest scale handled by one downscale pass; bigger reductions take several, keeping each kernel short. */
const MAX_PASS_SCALE = 4;

import type { Pixels } from './types';
export type { Pixels };

interface Program {
  program: WebGLProgram;
  uniforms: Record<string, WebGLUniformLocation | null>;
}

export class GlRenderer {
  readonly gl: WebGL2RenderingContext;
  /** Camera programs for magnified (step ≤ 1) and minified views. */
  private readonly magnify: Program;
  private readonly minify: Program;
  private readonly downscale: Program;
  private readonly vao: WebGLVertexArrayObject;
  private source: WebGLTexture | null = null;
  private sourceSize: Size = { width: 0, height: 0 };
  /** Source pixels per working-texture pixel on each axis (≥ 1 after a downscale). */
  private reduction = { x: 1, y: 1 };

  constructor(readonly canvas: OffscreenCanvas) {
    const gl = canvas.getContext('webgl2', {
      alpha: false,
      antialias: false,
      depth: false,
      stencil: false,
      premultipliedAlpha: false,
      preserveDrawingBuffer: false,
      powerPreference: 'high-performance',
    });
    if (!gl) throw new Error('WebGL2 is not available in this host.');
    this.gl = gl;
    const cameraUniforms = ['u_src', 'u_origin', 'u_step', 'u_outHeight', 'u_flipY'];
    this.magnify = this.link(cameraShader(false), cameraUniforms);
    this.minify = this.link(cameraShader(true), cameraUniforms);
    this.downscale = this.link(DOWNSCALE_FS, ['u_src', 'u_axis', 'u_scale']);
    this.vao = gl.createVertexArray()!;
  }

  get maxTextureSize(): number {
    return this.gl.getParameter(this.gl.MAX_TEXTURE_SIZE) as number;
  }

  /**
   * Uploads the source and, when the clip never needs its full resolution,
   * reduces it once so that `minSourcePerOutput` becomes 1: every frame then
   * samples near 1:1 with a short kernel.
   */
  setSource(pixels: Pixels, minSourcePerOutput: number): void {
    const gl = this.gl;
    this.releaseSource();
    this.sourceSize = { width: pixels.width, height: pixels.height };
    let texture = this.texture(pixels.width, pixels.height);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
    let size = { ...this.sourceSize };
    let remaining = Math.max(1, minSourcePerOutput);
    while (remaining > 1.0001) {
      const scale = Math.min(remaining, MAX_PASS_SCALE);
      const target = {
        width: Math.max(1, Math.round(size.width / scale)),
        height: Math.max(1, Math.round(size.height / scale)),
      };
      const horizontal = this.pass(texture, { width: target.width, height: size.height }, [1, 0], size.width / target.width);
      gl.deleteTexture(texture);
      texture = this.pass(horizontal, target, [0, 1], size.height / target.height);
      gl.deleteTexture(horizontal);
      size = target;
      remaining /= scale;
    }
    this.reduction = { x: this.sourceSize.width / size.width, y: this.sourceSize.height / size.height };
    this.source = texture;
  }

  /** Draws the view to the canvas; `flipY` orders rows for readPixels (top row first). */
  draw(view: View, flipY = false): void {
    const gl = this.gl;
    if (!this.source) throw new Error('No source image.');
    const out = { width: this.canvas.width, height: this.canvas.height };
    const { x: rx, y: ry } = this.reduction;
    // Working-texture coordinates: the source scaled per axis (pixel edges stay aligned).
    const step = [view.w / out.width / rx, view.h / out.height / ry] as const;
    const camera = step[0] > 1 || step[1] > 1 ? this.minify : this.magnify;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, out.width, out.height);
    gl.useProgram(camera.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.source);
    const u = camera.uniforms;
    gl.uniform1i(u.u_src!, 0);
    gl.uniform2f(u.u_origin!, (view.cx - view.w / 2) / rx, (view.cy - view.h / 2) / ry);
    gl.uniform2f(u.u_step!, step[0], step[1]);
    gl.uniform1f(u.u_outHeight!, out.height);
    gl.uniform1i(u.u_flipY!, flipY ? 1 : 0);
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
    gl.deleteProgram(this.magnify.program);
    gl.deleteProgram(this.minify.program);
    gl.deleteProgram(this.downscale.program);
    gl.deleteVertexArray(this.vao);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  private releaseSource(): void {
    if (this.source) this.gl.deleteTexture(this.source);
    this.source = null;
  }

  private texture(width: number, height: number): WebGLTexture {
    const gl = this.gl;
    const max = this.maxTextureSize;
    if (width > max || height > max) throw new Error(`Image is larger than this GPU's ${max} px texture limit.`);
    const t = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.SRGB8_ALPHA8, width, height);
    // Sampling is by texelFetch, so filtering modes only need to make the texture complete.
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return t;
  }

  private pass(src: WebGLTexture, size: Size, axis: [number, number], scale: number): WebGLTexture {
    const gl = this.gl;
    const dst = this.texture(size.width, size.height);
    const fb = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, dst, 0);
    gl.viewport(0, 0, size.width, size.height);
    gl.useProgram(this.downscale.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, src);
    const u = this.downscale.uniforms;
    gl.uniform1i(u.u_src!, 0);
    gl.uniform2i(u.u_axis!, axis[0], axis[1]);
    gl.uniform1f(u.u_scale!, scale);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.deleteFramebuffer(fb);
    return dst;
  }

  private link(fragment: string, names: string[]): Program {
    const gl = this.gl;
    const program = gl.createProgram()!;
    for (const [type, source] of [
      [gl.VERTEX_SHADER, FULLSCREEN_VS],
      [gl.FRAGMENT_SHADER, fragment],
    ] as const) {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
        throw new Error(`Shader compile failed: ${gl.getShaderInfoLog(shader)}`);
      }
      gl.attachShader(program, shader);
      gl.deleteShader(shader);
    }
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      throw new Error(`Shader link failed: ${gl.getProgramInfoLog(program)}`);
    }
    const uniforms: Program['uniforms'] = {};
    for (const n of names) uniforms[n] = gl.getUniformLocation(program, n);
    return { program, uniforms };
  }
}
