// The picture as the camera passes sample it: uploaded as an sRGB texture and,
// when the clip never needs its full resolution, reduced once per job.
import type { Size } from '../motion/types';
import { bindTexture, createTexture, framebuffer, type Program } from './gl-util';
import type { Pixels } from './types';

/** Largest scale handled by one downscale pass; bigger reductions take several, keeping each kernel short. */
const MAX_PASS_SCALE = 4;

export interface WorkingSource {
  texture: WebGLTexture;
  /** The picture's own size, in source pixels. */
  image: Size;
  /** Source pixels per working-texture pixel on each axis (≥ 1 after a reduction). */
  reduction: { x: number; y: number };
}

function sourceTexture(gl: WebGL2RenderingContext, size: Size): WebGLTexture {
  // Sampling is by texelFetch, so NEAREST only makes the texture complete.
  return createTexture(gl, size.width, size.height, { format: gl.SRGB8_ALPHA8, filter: gl.NEAREST });
}

/**
 * Uploads the picture and reduces it so that `minSourcePerOutput` becomes 1:
 * every frame then samples near 1:1 with a short kernel. `downscale` is
 * DOWNSCALE_FS; `vao` an empty vertex array for the full-screen triangle.
 */
export function uploadSource(gl: WebGL2RenderingContext, downscale: Program, vao: WebGLVertexArrayObject, pixels: Pixels, minSourcePerOutput: number): WorkingSource {
  const image = { width: pixels.width, height: pixels.height };
  let texture = sourceTexture(gl, image);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  let size = { ...image };
  let remaining = Math.max(1, minSourcePerOutput);
  while (remaining > 1.0001) {
    const scale = Math.min(remaining, MAX_PASS_SCALE);
    const target = {
      width: Math.max(1, Math.round(size.width / scale)),
      height: Math.max(1, Math.round(size.height / scale)),
    };
    const horizontal = pass(gl, downscale, vao, texture, { width: target.width, height: size.height }, [1, 0], size.width / target.width);
    gl.deleteTexture(texture);
    texture = pass(gl, downscale, vao, horizontal, target, [0, 1], size.height / target.height);
    gl.deleteTexture(horizontal);
    size = target;
    remaining /= scale;
  }
  return { texture, image, reduction: { x: image.width / size.width, y: image.height / size.height } };
}

function pass(gl: WebGL2RenderingContext, downscale: Program, vao: WebGLVertexArrayObject, src: WebGLTexture, size: Size, axis: [number, number], scale: number): WebGLTexture {
  const dst = sourceTexture(gl, size);
  const fb = framebuffer(gl, dst);
  gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
  gl.viewport(0, 0, size.width, size.height);
  gl.useProgram(downscale.program);
  bindTexture(gl, 0, src);
  gl.uniform1i(downscale.loc('u_src'), 0);
  gl.uniform2i(downscale.loc('u_axis'), axis[0], axis[1]);
  gl.uniform1f(downscale.loc('u_scale'), scale);
  gl.bindVertexArray(vao);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.deleteFramebuffer(fb);
  return dst;
}
