// The colour pass: the picture as the camera sees it, either flat (one
// full-screen Catmull-Rom pass, the 2D path) or through the layered mesh.
import type { FrameSpec, Size } from '../motion/types';
import { setCamera } from './camera-glsl';
import { bindTexture, type Program, type ProgramCache } from './gl-util';
import type { GpuLayers } from './layers-gpu';
import { CELL } from './mesh-grid';
import { BACKGROUND_FS, BACKGROUND_VS, CELL_VS, cellFs, SURFACE_VS, surfaceFs } from './mesh-shaders';
import type { WorkingSource } from './reduce';
import { cameraShader, FULLSCREEN_VS } from './shaders';
import type { Target } from './targets';

export interface ColourInputs {
  gl: WebGL2RenderingContext;
  programs: ProgramCache;
  /** An empty vertex array: full-screen passes place their triangle from gl_VertexID. */
  vao: WebGLVertexArrayObject;
  source: WorkingSource;
  layers: GpuLayers | null;
}

/** The background mesh reaches this far past the picture (share of the layers' long side), well beyond any parallax a template makes. */
const MARGIN = 0.1;

/** Working-texture pixels per output pixel: the kernel's widening, and which of the two camera programs runs. */
function sampleStep(frame: FrameSpec, source: WorkingSource, out: Size): [number, number] {
  const { view } = frame.pose;
  return [view.w / out.width / source.reduction.x, view.h / out.height / source.reduction.y];
}

const minifies = (step: [number, number]) => step[0] > 1 || step[1] > 1;

/**
 * The flat picture: every depth at the focal plane (disparity 1), where the
 * camera formula is one affine map, so the shift folds into the view. With no
 * shift this is exactly the 2D renderer. `target` null draws sRGB to the
 * canvas; a scene target gets linear light and depth.
 */
export function drawFlat(c: ColourInputs, frame: FrameSpec, out: Size, target: Target | null, flipY: boolean): void {
  const { gl, source } = c;
  const { view, shift } = frame.pose;
  const { x: rx, y: ry } = source.reduction;
  const cx = source.image.width / 2;
  const cy = source.image.height / 2;
  // The camera formula inverted at q = 1: source = c + s + (plane − c)(1 − z).
  const k = 1 - shift.z;
  const step = sampleStep(frame, source, out);
  const minify = minifies([step[0] * k, step[1] * k]);
  const mode = !target ? 'canvas' : c.layers ? 'scene' : 'scene-flat';
  const p = c.programs.get(`flat-${mode}-${minify}`, () => [FULLSCREEN_VS, cameraShader(minify, mode)]);
  gl.bindFramebuffer(gl.FRAMEBUFFER, target?.fbo ?? null);
  gl.viewport(0, 0, out.width, out.height);
  gl.useProgram(p.program);
  bindTexture(gl, 0, source.texture);
  gl.uniform1i(p.loc('u_src'), 0);
  gl.uniform2f(p.loc('u_origin'), (cx + shift.x + (view.cx - view.w / 2 - cx) * k) / rx, (cy + shift.y + (view.cy - view.h / 2 - cy) * k) / ry);
  gl.uniform2f(p.loc('u_step'), step[0] * k, step[1] * k);
  if (target && c.layers) {
    bindTexture(gl, 2, c.layers.depth);
    gl.uniform1i(p.loc('u_depth'), 2);
    gl.uniform2f(p.loc('u_workToDepth'), rx / source.image.width, ry / source.image.height);
  } else if (!target) {
    gl.uniform1f(p.loc('u_outHeight'), out.height);
    gl.uniform1i(p.loc('u_flipY'), flipY ? 1 : 0);
  }
  gl.bindVertexArray(c.vao);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
}

/**
 * The layered picture into the scene target: the photo's smooth blocks and its
 * fine cells, depth-tested among themselves, then the inpainted background
 * behind them all (skipped by the depth test wherever the photo covers).
 */
export function drawLayered(c: ColourInputs, layers: GpuLayers, frame: FrameSpec, out: Size, target: Target): void {
  const { gl, source } = c;
  const step = sampleStep(frame, source, out);
  const minify = minifies(step);
  gl.bindFramebuffer(gl.FRAMEBUFFER, target.fbo);
  gl.viewport(0, 0, out.width, out.height);
  gl.clearColor(0, 0, 0, 0);
  gl.clearDepth(1);
  gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
  bindTexture(gl, 0, source.texture);
  bindTexture(gl, 1, layers.grid);
  bindTexture(gl, 2, layers.depth);
  bindTexture(gl, 3, layers.background);
  gl.enable(gl.DEPTH_TEST);
  gl.depthFunc(gl.LEQUAL);

  const surface = c.programs.get(`surface-${minify}`, () => [SURFACE_VS, surfaceFs(minify)]);
  setGrid(c, surface, layers, frame, out, step);
  gl.depthMask(true);
  gl.bindVertexArray(layers.surfaceMesh.vao);
  gl.drawElements(gl.TRIANGLES, layers.surfaceMesh.count, gl.UNSIGNED_INT, 0);

  if (layers.cellCount > 0) {
    const cells = c.programs.get(`cells-${minify}`, () => [CELL_VS, cellFs(minify)]);
    setGrid(c, cells, layers, frame, out, step);
    gl.bindVertexArray(layers.cells);
    gl.drawArrays(gl.TRIANGLES, 0, 12 * layers.cellCount);
  }

  const background = c.programs.get('background', () => [BACKGROUND_VS, BACKGROUND_FS]);
  setGrid(c, background, layers, frame, out, step);
  gl.uniform1f(background.loc('u_margin'), MARGIN * Math.max(layers.size.width, layers.size.height));
  gl.depthMask(false);
  gl.bindVertexArray(layers.backgroundMesh.vao);
  gl.drawElements(gl.TRIANGLES, layers.backgroundMesh.count, gl.UNSIGNED_INT, 0);
  gl.depthMask(true);
  gl.disable(gl.DEPTH_TEST);
}

/** Uses the program and sets what every mesh draw shares: the camera, the grid and the textures' units. */
function setGrid(c: ColourInputs, p: Program, layers: GpuLayers, frame: FrameSpec, out: Size, step: [number, number]): void {
  const { gl, source } = c;
  gl.useProgram(p.program);
  setCamera(gl, p, frame, source.image, out);
  gl.uniform1i(p.loc('u_src'), 0);
  gl.uniform1i(p.loc('u_grid'), 1);
  gl.uniform1i(p.loc('u_depth'), 2);
  gl.uniform1i(p.loc('u_background'), 3);
  gl.uniform1i(p.loc('u_cols'), layers.cols);
  gl.uniform1i(p.loc('u_rows'), layers.rows);
  gl.uniform1f(p.loc('u_cell'), CELL);
  gl.uniform2f(p.loc('u_layerSize'), layers.size.width, layers.size.height);
  gl.uniform2f(p.loc('u_layerToSource'), source.image.width / layers.size.width, source.image.height / layers.size.height);
  gl.uniform2f(p.loc('u_sourceToWork'), 1 / source.reduction.x, 1 / source.reduction.y);
  gl.uniform2f(p.loc('u_outSize'), out.width, out.height);
  gl.uniform2f(p.loc('u_step'), step[0], step[1]);
}
