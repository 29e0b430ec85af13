// GLSL for the 2D camera pass and the reduction. Sources are sampled from sRGB
// textures, so every fetch is linear light and filtering never darkens detail;
// output is encoded to sRGB by hand for the default framebuffer, or kept linear
// in a float target when post effects follow.

export const CATMULL_ROM = /* glsl */ `
float catmullRom(float x) {
  x = abs(x);
  if (x < 1.0) return (1.5 * x - 2.5) * x * x + 1.0;
  if (x < 2.0) return ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0;
  return 0.0;
}`;

export const LINEAR_TO_SRGB = /* glsl */ `
vec3 linearToSrgb(vec3 c) {
  return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}`;

export const FULLSCREEN_VS = /* glsl */ `#version 300 es
void main() {
  // One triangle that covers the viewport: no vertex buffer needed.
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

/**
 * `vec3 sampleSource(vec2 c, vec2 step)`: the working texture u_src at the
 * continuous texel position c (texel centres at integers), in linear light,
 * with a Catmull-Rom kernel. When the view shrinks the source (step > 1) the
 * kernel widens with the ratio so nothing aliases; otherwise a fixed 4×4
 * footprint is used, with constant loop bounds that software GL (SwiftShader)
 * unrolls: several times faster.
 */
export function sourceSampler(minify: boolean): string {
  return /* glsl */ `
uniform highp sampler2D u_src;
${CATMULL_ROM}
vec3 sampleSource(vec2 c, vec2 step) {
  ivec2 size = textureSize(u_src, 0);
  vec4 acc = vec4(0.0);
  float total = 0.0;
${
  minify
    ? `  vec2 s = max(vec2(1.0), step);
  ivec2 lo = ivec2(floor(c - 2.0 * s)) + 1;
  ivec2 hi = ivec2(floor(c + 2.0 * s));
  for (int j = lo.y; j <= hi.y; j++) {
    float wy = catmullRom((float(j) - c.y) / s.y);
    for (int i = lo.x; i <= hi.x; i++) {
      float w = wy * catmullRom((float(i) - c.x) / s.x);
      acc += w * texelFetch(u_src, clamp(ivec2(i, j), ivec2(0), size - 1), 0);
      total += w;
    }
  }`
    : `  ivec2 base = ivec2(floor(c));
  vec2 f = c - vec2(base);
  // Catmull-Rom weights for taps -1..2, per axis, in closed form (no branches).
  vec4 wx = vec4(f.x * (-0.5 + f.x * (1.0 - 0.5 * f.x)), 1.0 + f.x * f.x * (-2.5 + 1.5 * f.x),
                 f.x * (0.5 + f.x * (2.0 - 1.5 * f.x)), f.x * f.x * (-0.5 + 0.5 * f.x));
  vec4 wy = vec4(f.y * (-0.5 + f.y * (1.0 - 0.5 * f.y)), 1.0 + f.y * f.y * (-2.5 + 1.5 * f.y),
                 f.y * (0.5 + f.y * (2.0 - 1.5 * f.y)), f.y * f.y * (-0.5 + 0.5 * f.y));
  ivec2 top = size - 1;
  ivec4 xs = clamp(base.x + ivec4(-1, 0, 1, 2), 0, top.x);
  ivec4 ys = clamp(base.y + ivec4(-1, 0, 1, 2), 0, top.y);
  for (int j = 0; j < 4; j++) {
    vec4 row = wx.x * texelFetch(u_src, ivec2(xs.x, ys[j]), 0) + wx.y * texelFetch(u_src, ivec2(xs.y, ys[j]), 0)
             + wx.z * texelFetch(u_src, ivec2(xs.z, ys[j]), 0) + wx.w * texelFetch(u_src, ivec2(xs.w, ys[j]), 0);
    acc += wy[j] * row;
  }
  total = 1.0; // the closed-form weights sum to exactly one`
}
  return clamp(acc.rgb / total, 0.0, 1.0);
}`;
}

/**
 * The 2D camera pass: each output pixel's centre maps to a continuous source
 * point (origin + pixel * step). `canvas` writes sRGB to the default
 * framebuffer, rows ordered by u_flipY; `scene` writes linear light to a
 * float target, top row first, for the post pass, with the depth at the same
 * point (u_depth) in alpha, or 0 (far) without one (`scene-flat`).
 */
export function cameraShader(minify: boolean, target: 'canvas' | 'scene' | 'scene-flat' = 'canvas'): string {
  const canvas = target === 'canvas';
  const depth = target === 'scene';
  return /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform vec2 u_origin;
uniform vec2 u_step;
${
  canvas
    ? `uniform float u_outHeight;
uniform bool u_flipY;
${LINEAR_TO_SRGB}`
    : depth
      ? `uniform highp sampler2D u_depth;
// Working-texture coordinates → depth texture coordinates (0..1).
uniform vec2 u_workToDepth;`
      : ''
}
out vec4 o_color;
${sourceSampler(minify)}
void main() {
${
  canvas
    ? `  // Output rows count from the top; u_flipY renders bottom-up so readPixels returns top row first.
  vec2 pixel = vec2(gl_FragCoord.x, u_flipY ? gl_FragCoord.y : u_outHeight - gl_FragCoord.y);`
    : `  vec2 pixel = gl_FragCoord.xy;`
}
  vec2 c = u_origin + pixel * u_step - 0.5;
  vec3 linear = sampleSource(c, u_step);
${
  canvas
    ? `  o_color = vec4(linearToSrgb(linear), 1.0);`
    : `  o_color = vec4(linear, ${depth ? 'textureLod(u_depth, (c + 0.5) * u_workToDepth, 0.0).r' : '0.0'});`
}
}`;
}

/**
 * One axis of a high-quality downscale, run once per job: a Catmull-Rom kernel
 * stretched by the scale factor, in linear light, written to an sRGB target.
 */
export const DOWNSCALE_FS = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_src;
uniform ivec2 u_axis;
uniform float u_scale;
out vec4 o_color;
${CATMULL_ROM}
void main() {
  ivec2 size = textureSize(u_src, 0);
  ivec2 dst = ivec2(gl_FragCoord.xy);
  int along = u_axis.x == 1 ? dst.x : dst.y;
  float c = (float(along) + 0.5) * u_scale - 0.5;
  float s = max(1.0, u_scale);
  int lo = int(floor(c - 2.0 * s)) + 1;
  int hi = int(floor(c + 2.0 * s));
  vec4 acc = vec4(0.0);
  float total = 0.0;
  for (int k = lo; k <= hi; k++) {
    float w = catmullRom((float(k) - c) / s);
    ivec2 q = u_axis.x == 1 ? ivec2(k, dst.y) : ivec2(dst.x, k);
    acc += w * texelFetch(u_src, clamp(q, ivec2(0), size - 1), 0);
    total += w;
  }
  o_color = clamp(acc / total, 0.0, 1.0);
}`;
