// engine/motion/camera.ts in GLSL: the one camera formula, so the pixels land
// exactly where the planner and its tests expect them.
import type { FrameSpec, Size } from '../motion/types';
import type { Program } from './gl-util';

export const CAMERA_GLSL = /* glsl */ `
uniform vec2 u_centre;        // the image centre, source px
uniform vec3 u_shift;         // pose.shift
uniform vec2 u_viewOrigin;    // the view's top-left corner on the picture plane, source px
uniform vec2 u_outPerSource;  // output px per picture-plane px, per axis
uniform vec2 u_depthScene;    // strength, focusDepth
float disparity(float depth) {
  return max(0.05, 1.0 + u_depthScene.x * (depth - u_depthScene.y));
}
// Source point at disparity q → output px (top-left corner 0, 0).
vec2 project(vec2 x, float q) {
  vec2 p = u_centre + (x - u_centre - u_shift.xy * q) / (1.0 - u_shift.z * q);
  return (p - u_viewOrigin) * u_outPerSource;
}
// Output px → the source point at disparity q that lands there.
vec2 unproject(vec2 o, float q) {
  vec2 p = u_viewOrigin + o / u_outPerSource;
  return u_centre + u_shift.xy * q + (p - u_centre) * (1.0 - u_shift.z * q);
}`;

export function setCamera(gl: WebGL2RenderingContext, p: Program, frame: FrameSpec, image: Size, out: Size): void {
  const { view, shift } = frame.pose;
  gl.uniform2f(p.loc('u_centre'), image.width / 2, image.height / 2);
  gl.uniform3f(p.loc('u_shift'), shift.x, shift.y, shift.z);
  gl.uniform2f(p.loc('u_viewOrigin'), view.cx - view.w / 2, view.cy - view.h / 2);
  gl.uniform2f(p.loc('u_outPerSource'), out.width / view.w, out.height / view.h);
  gl.uniform2f(p.loc('u_depthScene'), frame.depth.strength, frame.depth.focusDepth);
}
