// GLSL for the layered colour pass: a grid mesh over the scene layers, placed
// by the camera formula at each vertex's depth, into the scene target (linear
// colour, depth in alpha). Three draws: the photo's smooth blocks, the fine
// cells of the blocks with edges (across an edge, one flat quad per surface,
// each fragment keeping only its own surface), then the inpainted background
// behind everything, seen wherever the photo has no surface.
import { CAMERA_GLSL } from './camera-glsl';
import { sourceSampler } from './shaders';

/** Beyond this spread (output px) between a cell's near and far sides a single quad would smear them, so each side gets its own. */
const EDGE_SPREAD = 0.75;

const GRID_VS = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_grid;  // MeshGrid.vertices
uniform int u_cols;
uniform int u_rows;
uniform float u_cell;            // layer px per fine cell
uniform vec2 u_layerSize;
uniform vec2 u_layerToSource;
uniform vec2 u_sourceToWork;
uniform vec2 u_outSize;
${CAMERA_GLSL}
ivec2 vertexAt(int id) {
  return ivec2(id % (u_cols + 1), id / (u_cols + 1));
}
vec2 layerAt(ivec2 v) {
  return min(vec2(v) * u_cell, u_layerSize);
}
// Depth-tested by disparity: nearer surfaces have smaller z.
vec4 clipAt(vec2 o, float q) {
  return vec4(o / u_outSize * 2.0 - 1.0, 1.0 - q, 1.0);
}`;

/** The photo's smooth blocks, at their vertices' depths. */
export const SURFACE_VS = /* glsl */ `${GRID_VS}
out vec2 v_work;
out float v_depth;
void main() {
  ivec2 v = vertexAt(gl_VertexID);
  float depth = texelFetch(u_grid, v, 0).r;
  vec2 x = layerAt(v) * u_layerToSource;
  float q = disparity(depth);
  gl_Position = clipAt(project(x, q), q);
  v_work = x * u_sourceToWork;
  v_depth = depth;
}`;

export function surfaceFs(minify: boolean): string {
  return /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform vec2 u_step;
in vec2 v_work;
in float v_depth;
out vec4 o_color;
${sourceSampler(minify)}
void main() {
  o_color = vec4(sampleSource(v_work - 0.5, u_step), v_depth);
}`;
}

/**
 * A fine cell, 12 vertices (a_cell repeats for each). Where the camera pulls its depths
 * apart, two quads, one per side of the edge, padded by a pixel so that
 * neighbouring quads leave no cracks: each corner sits at its own depth when
 * it clearly lies on the quad's side (a sloping ground stays in place), else
 * at that side's extreme. Each quad maps output pixels to the source points
 * its depths put there, and the fragment shader keeps those on its side of
 * the edge. Elsewhere one quad at the corners' own depths, as in a block.
 */
export const CELL_VS = /* glsl */ `${GRID_VS}
layout(location = 0) in uvec2 a_cell;
out vec2 v_work;
out vec2 v_layer;
out vec2 v_under;                // the far side's layer point here, for a partly covered near edge
out float v_depth;
flat out vec3 v_side;            // far (0), near (1) or the whole cell (2); the depth between the sides; the far depth
const ivec2 CORNERS[6] = ivec2[6](ivec2(0, 0), ivec2(1, 0), ivec2(1, 1), ivec2(0, 0), ivec2(1, 1), ivec2(0, 1));
void main() {
  ivec2 cell = ivec2(a_cell);
  vec2 range = texelFetch(u_grid, cell, 0).ba;
  ivec2 corner = CORNERS[gl_VertexID % 6];
  bool second = gl_VertexID % 12 >= 6;
  vec2 centre = (vec2(cell) + 0.5) * u_cell * u_layerToSource;
  bool edge = distance(project(centre, disparity(range.x)), project(centre, disparity(range.y))) > ${EDGE_SPREAD.toFixed(2)};
  float depth = texelFetch(u_grid, cell + corner, 0).r;
  vec2 l = layerAt(cell + corner);
  if (edge) {
    l = mix(max(vec2(cell) * u_cell - 1.0, vec2(0.0)), min(vec2(cell + 1) * u_cell + 1.0, u_layerSize), vec2(corner));
    float quarter = 0.25 * (range.y - range.x);
    depth = second ? (depth > range.y - quarter ? depth : range.y) : (depth < range.x + quarter ? depth : range.x);
  }
  float q = disparity(depth);
  vec2 x = l * u_layerToSource;
  vec2 o = project(x, q);
  // A cell drawn whole needs one quad: the second collapses to a point outside the view.
  gl_Position = edge || !second ? clipAt(o, q) : vec4(2.0, 2.0, 2.0, 1.0);
  v_work = x * u_sourceToWork;
  v_layer = l;
  v_under = unproject(o, disparity(range.x)) / u_layerToSource;
  v_depth = depth;
  v_side = vec3(edge ? (second ? 1.0 : 0.0) : 2.0, 0.5 * (range.x + range.y), range.x);
}`;

export function cellFs(minify: boolean): string {
  return /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform vec2 u_step;
uniform highp sampler2D u_depth;
uniform highp sampler2D u_background;
uniform vec2 u_layerSize;
uniform vec2 u_layerToSource;
uniform vec2 u_sourceToWork;
in vec2 v_work;
in vec2 v_layer;
in vec2 v_under;
in float v_depth;
flat in vec3 v_side;
out vec4 o_color;
${sourceSampler(minify)}
float depthAt(vec2 layer) {
  return textureLod(u_depth, layer / u_layerSize, 0.0).r;
}
void main() {
  float d = depthAt(v_layer);
  float slope = fwidth(d);
  if (v_side.x > 1.5) {
    o_color = vec4(sampleSource(v_work - 0.5, u_step), v_depth);
    return;
  }
  float side = d - v_side.y;
  bool near = v_side.x > 0.5;
  // The near side fades out over about one output pixel past its edge: an antialiased outline, not a stair-step.
  // Past, not across: inside the edge the photo's own edge pixels (sharper than the depth's) draw the outline.
  float cover = clamp(side / max(slope, 1e-4) + 1.0, 0.0, 1.0);
  if (near ? cover <= 0.0 : side >= 0.0) discard;
  vec3 colour = sampleSource(v_work - 0.5, u_step);
  float depth = d;
  if (!near) {
    // The kernel reaches two texels out: where that crosses onto the near side, its lobes tint the far side
    // with the near colour, so the background layer (the far side, never the near) stands in there.
    vec2 reach = 2.0 / (u_sourceToWork * u_layerToSource);
    float across = max(max(depthAt(v_layer + vec2(reach.x, 0.0)), depthAt(v_layer - vec2(reach.x, 0.0))),
                       max(depthAt(v_layer + vec2(0.0, reach.y)), depthAt(v_layer - vec2(0.0, reach.y))));
    if (across >= v_side.y) colour = textureLod(u_background, v_layer / u_layerSize, 0.0).rgb;
  } else if (cover < 1.0) {
    // What the far side shows there: the background layer (the photo where nothing is inpainted).
    colour = mix(textureLod(u_background, v_under / u_layerSize, 0.0).rgb, colour, cover);
    depth = mix(v_side.z, d, cover);
  }
  o_color = vec4(colour, depth);
}`;
}

/**
 * The inpainted background at its own smooth depth, drawn last and farther
 * than any surface (so the depth test skips it wherever the photo covers),
 * its outer ring pushed past the picture's edge.
 */
export const BACKGROUND_VS = /* glsl */ `${GRID_VS}
uniform float u_margin;          // layer px
out vec2 v_layer;
out float v_depth;
void main() {
  ivec2 v = vertexAt(gl_VertexID);
  float depth = texelFetch(u_grid, v, 0).g;
  // Past the picture the edge texels repeat (clamped sampling), as in the 2D path: a move never uncovers nothing.
  vec2 outward = vec2(v.x == 0 ? -1.0 : v.x == u_cols ? 1.0 : 0.0, v.y == 0 ? -1.0 : v.y == u_rows ? 1.0 : 0.0);
  vec2 l = layerAt(v) + outward * u_margin;
  gl_Position = vec4(clipAt(project(l * u_layerToSource, disparity(depth)), 0.0).xy, 0.999, 1.0);
  v_layer = l;
  v_depth = depth;
}`;

export const BACKGROUND_FS = /* glsl */ `#version 300 es
precision highp float;
uniform highp sampler2D u_background;
uniform vec2 u_layerSize;
in vec2 v_layer;
in float v_depth;
out vec4 o_color;
void main() {
  o_color = vec4(textureLod(u_background, v_layer / u_layerSize, 0.0).rgb, v_depth);
}`;
