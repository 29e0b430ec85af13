// Offscreen render targets, allocated once per output size and reused every
// frame: the scene (linear colour, depth in alpha, a depth buffer for the
// mesh), and half-size targets for depth of field and bloom.
import type { Size } from '../motion/types';
import { createTexture, framebuffer, fullChain } from './gl-util';

export interface Target {
  texture: WebGLTexture;
  fbo: WebGLFramebuffer;
  width: number;
  height: number;
}

type HalfTarget = 'dof' | 'bright' | 'glow';

export class RenderTargets {
  /** RGBA16F where float targets render (EXT_color_buffer_float), else sRGB8: 8-bit but encoded, so darks keep their levels. */
  readonly format: number;
  private size: Size = { width: 0, height: 0 };
  private sceneTarget: Target | null = null;
  private depthBuffer: WebGLRenderbuffer | null = null;
  private readonly halves = new Map<HalfTarget, Target>();

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.format = gl.getExtension('EXT_color_buffer_float') ? gl.RGBA16F : gl.SRGB8_ALPHA8;
  }

  /** The scene target for this output size, with a full mip chain (depth of field reads it blurred). */
  scene(size: Size): Target {
    this.resize(size);
    if (!this.sceneTarget) {
      const gl = this.gl;
      const texture = createTexture(gl, size.width, size.height, { format: this.format, filter: gl.LINEAR, levels: fullChain(size.width, size.height) });
      this.depthBuffer = gl.createRenderbuffer()!;
      gl.bindRenderbuffer(gl.RENDERBUFFER, this.depthBuffer);
      gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH_COMPONENT24, size.width, size.height);
      gl.bindRenderbuffer(gl.RENDERBUFFER, null);
      this.sceneTarget = { texture, fbo: framebuffer(gl, texture, this.depthBuffer), ...size };
    }
    return this.sceneTarget;
  }

  /** A half-size target; bloom's bright pass has a mip chain, its glow is read from several levels. */
  half(kind: HalfTarget, size: Size): Target {
    this.resize(size);
    let t = this.halves.get(kind);
    if (!t) {
      const gl = this.gl;
      const width = Math.ceil(size.width / 2);
      const height = Math.ceil(size.height / 2);
      const levels = kind === 'bright' ? Math.min(5, fullChain(width, height)) : 1;
      const texture = createTexture(gl, width, height, { format: this.format, filter: gl.LINEAR, levels });
      t = { texture, fbo: framebuffer(gl, texture), width, height };
      this.halves.set(kind, t);
    }
    return t;
  }

  dispose(): void {
    const gl = this.gl;
    for (const t of [this.sceneTarget, ...this.halves.values()]) {
      if (!t) continue;
      gl.deleteTexture(t.texture);
      gl.deleteFramebuffer(t.fbo);
    }
    if (this.depthBuffer) gl.deleteRenderbuffer(this.depthBuffer);
    this.sceneTarget = null;
    this.depthBuffer = null;
    this.halves.clear();
  }

  private resize(size: Size): void {
    if (size.width === this.size.width && size.height === this.size.height) return;
    this.dispose();
    this.size = { ...size };
  }
}
