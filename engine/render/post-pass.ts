// The post pass: depth of field and bloom at half size, then the final
// composite of every active effect, encoded to sRGB on the canvas.
import type { FrameSpec, Size } from '../motion/types';
import { setCamera } from './camera-glsl';
import { MAX_BLUR_RADIUS, sweepBand } from './effects';
import { bindTexture, type ProgramCache } from './gl-util';
import { setParticles } from './particles-glsl';
import { BRIGHT_FS, DOF_FS, finalFs, finalKey, GLOW_FS, type FinalEffects } from './post-shaders';
import { FULLSCREEN_VS } from './shaders';
import type { RenderTargets, Target } from './targets';

export interface PostInputs {
  gl: WebGL2RenderingContext;
  programs: ProgramCache;
  vao: WebGLVertexArrayObject;
  targets: RenderTargets;
  /** The picture's size in source pixels: particles live in its plane. */
  image: Size;
}

function fullScreen(gl: WebGL2RenderingContext, vao: WebGLVertexArrayObject, fbo: WebGLFramebuffer | null, size: { width: number; height: number }): void {
  gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
  gl.viewport(0, 0, size.width, size.height);
  gl.bindVertexArray(vao);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
}

export function drawPost(c: PostInputs, frame: FrameSpec, fx: FinalEffects, scene: Target, out: Size, flipY: boolean): void {
  const { gl, programs } = c;
  const e = frame.effects;
  // Allocated before any binding: creating a texture binds it to the active unit.
  const dofImage = fx.dof ? c.targets.half('dof', out) : null;
  const bright = fx.bloom ? c.targets.half('bright', out) : null;
  const glow = fx.bloom ? c.targets.half('glow', out) : null;
  if (dofImage) {
    bindTexture(gl, 0, scene.texture);
    gl.generateMipmap(gl.TEXTURE_2D);
    const p = programs.get('dof', () => [FULLSCREEN_VS, DOF_FS]);
    gl.useProgram(p.program);
    gl.uniform1i(p.loc('u_scene'), 0);
    gl.uniform2f(p.loc('u_dof'), e.dof.blur, e.dof.focusDepth);
    gl.uniform1f(p.loc('u_maxRadius'), MAX_BLUR_RADIUS);
    fullScreen(gl, c.vao, dofImage.fbo, dofImage);
  }
  if (bright && glow) {
    const p = programs.get('bright', () => [FULLSCREEN_VS, BRIGHT_FS]);
    gl.useProgram(p.program);
    bindTexture(gl, 0, scene.texture);
    gl.uniform1i(p.loc('u_scene'), 0);
    fullScreen(gl, c.vao, bright.fbo, bright);
    bindTexture(gl, 0, bright.texture);
    gl.generateMipmap(gl.TEXTURE_2D);
    const g = programs.get('glow', () => [FULLSCREEN_VS, GLOW_FS]);
    gl.useProgram(g.program);
    gl.uniform1i(g.loc('u_bright'), 0);
    fullScreen(gl, c.vao, glow.fbo, glow);
  }

  const p = programs.get(`final-${finalKey(fx)}`, () => [FULLSCREEN_VS, finalFs(fx)]);
  gl.useProgram(p.program);
  bindTexture(gl, 0, scene.texture);
  bindTexture(gl, 1, dofImage?.texture ?? null);
  bindTexture(gl, 2, glow?.texture ?? null);
  gl.uniform1i(p.loc('u_scene'), 0);
  gl.uniform1i(p.loc('u_dofImage'), 1);
  gl.uniform1i(p.loc('u_glow'), 2);
  gl.uniform1i(p.loc('u_flipY'), flipY ? 1 : 0);
  gl.uniform1f(p.loc('u_time'), frame.time);
  gl.uniform2f(p.loc('u_dof'), e.dof.blur, e.dof.focusDepth);
  gl.uniform1f(p.loc('u_maxRadius'), MAX_BLUR_RADIUS);
  gl.uniform1f(p.loc('u_bloom'), e.bloom);
  if (fx.sweep && e.sweep) {
    gl.uniform4f(p.loc('u_sweep'), ...sweepBand(e.sweep, out));
    gl.uniform1f(p.loc('u_sweepLight'), e.sweep.strength);
  }
  const g = e.grade;
  gl.uniform4f(p.loc('u_grade'), 2 ** g.exposure, g.contrast, g.saturation, g.warmth);
  gl.uniform1f(p.loc('u_vignette'), e.vignette);
  gl.uniform1f(p.loc('u_grain'), e.grain);
  if (fx.particles && e.particles) {
    setCamera(gl, p, frame, c.image, out);
    setParticles(gl, p, e.particles, fx.dof ? e.dof : { focusDepth: 0, blur: 0 }, c.image, frame.time);
  }
  fullScreen(gl, c.vao, null, out);
}
