// GLSL for the post pass over the scene target (linear colour, depth in
// alpha): depth of field and bloom at half size, then one final pass that
// composites every effect and encodes sRGB to the canvas. The final pass is
// compiled per set of active effects, so an effect at 0 costs nothing.
import { CAMERA_GLSL } from './camera-glsl';
import { HASH_GLSL, PARTICLES_GLSL } from './particles-glsl';
import { LINEAR_TO_SRGB } from './shaders';

/** Depth-of-field taps per half-size pixel, on a golden-angle spiral that covers the disc evenly. */
const DOF_TAPS = 24;

function goldenDisc(n: number): string {
  const points = Array.from({ length: n }, (_, k) => {
    const r = Math.sqrt((k + 0.5) / n);
    const a = k * Math.PI * (3 - Math.sqrt(5));
    return `vec2(${(r * Math.cos(a)).toFixed(6)}, ${(r * Math.sin(a)).toFixed(6)})`;
  });
  return `const vec2 DISC[${n}] = vec2[${n}](${points.join(', ')});`;
}

/**
 * Gathers each half-size pixel's blur disc (radius dof.blur × |depth − focus|)
 * from the scene's mips, coarser as the disc grows so sparse taps still cover
 * it smoothly. A farther tap reaches the centre only as far as the centre is
 * itself blurred: a sharp subject neither dissolves into a blurred background
 * nor haloes it.
 */
export const DOF_FS = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_scene;
uniform vec2 u_dof;          // blur (output px per unit of depth), focus depth
uniform float u_maxRadius;   // output px
out vec4 o_color;
${goldenDisc(DOF_TAPS)}
void main() {
  vec2 size = vec2(textureSize(u_scene, 0));
  vec2 uv = 2.0 * gl_FragCoord.xy / size;
  vec4 centre = textureLod(u_scene, uv, 1.0);
  float r0 = min(u_dof.x * abs(centre.a - u_dof.y), u_maxRadius);
  // In focus: the final pass keeps the sharp pixel there, nothing to gather.
  if (r0 < 0.5) {
    o_color = centre;
    return;
  }
  // Mip footprint ≈ the spacing between taps (about 0.36 r0 for ${DOF_TAPS} taps).
  float lod = clamp(log2(max(0.36 * r0, 1e-3)), 1.0, 4.0);
  vec3 acc = centre.rgb;
  float total = 1.0;
  for (int k = 0; k < ${DOF_TAPS}; k++) {
    vec2 offset = DISC[k] * r0;
    vec4 s = textureLod(u_scene, uv + offset / size, lod);
    float rs = u_dof.x * abs(s.a - u_dof.y);
    float reach = s.a < centre.a ? min(rs, r0) : rs;
    float w = clamp(reach - length(offset) + 1.0, 0.0, 1.0);
    acc += s.rgb * w;
    total += w;
  }
  o_color = vec4(acc / total, centre.a);
}`;

/** Bloom's bright pass, at half size: each 2×2 block (one filtered fetch at its centre), above a soft threshold. */
export const BRIGHT_FS = /* glsl */ `#version 300 es
precision highp float;
uniform highp sampler2D u_scene;
out vec4 o_color;
const float THRESHOLD = 0.6;
const float KNEE = 0.2;
void main() {
  vec3 c = textureLod(u_scene, 2.0 * gl_FragCoord.xy / vec2(textureSize(u_scene, 0)), 0.0).rgb;
  float l = max(c.r, max(c.g, c.b));
  float soft = clamp(l - THRESHOLD + KNEE, 0.0, 2.0 * KNEE);
  float w = max(soft * soft / (4.0 * KNEE), l - THRESHOLD) / max(l, 1e-4);
  o_color = vec4(c * w, 1.0);
}`;

/**
 * Bloom's glow, at half size: the bright pass's mip levels 1 to 4 (ever wider
 * halos), each upsampled with a cubic B-spline from four bilinear fetches so
 * that even a much magnified coarse level stays smooth.
 */
export const GLOW_FS = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_bright;
out vec4 o_color;
vec3 bspline(vec2 uv, int lod) {
  vec2 size = vec2(textureSize(u_bright, lod));
  vec2 p = uv * size - 0.5;
  vec2 i = floor(p);
  vec2 f = p - i;
  vec2 f2 = f * f;
  vec2 f3 = f2 * f;
  vec2 w0 = (1.0 - 3.0 * f + 3.0 * f2 - f3) / 6.0;
  vec2 w1 = (4.0 - 6.0 * f2 + 3.0 * f3) / 6.0;
  vec2 w2 = (1.0 + 3.0 * f + 3.0 * f2 - 3.0 * f3) / 6.0;
  vec2 w3 = f3 / 6.0;
  vec2 g0 = w0 + w1;
  vec2 g1 = w2 + w3;
  vec2 h0 = (i - 0.5 + w1 / g0) / size;
  vec2 h1 = (i + 1.5 + w3 / g1) / size;
  float l = float(lod);
  return g0.y * (g0.x * textureLod(u_bright, h0, l).rgb + g1.x * textureLod(u_bright, vec2(h1.x, h0.y), l).rgb)
       + g1.y * (g0.x * textureLod(u_bright, vec2(h0.x, h1.y), l).rgb + g1.x * textureLod(u_bright, h1, l).rgb);
}
void main() {
  vec2 uv = gl_FragCoord.xy / vec2(textureSize(u_bright, 0));
  o_color = vec4(0.35 * bspline(uv, 1) + 0.3 * bspline(uv, 2) + 0.2 * bspline(uv, 3) + 0.15 * bspline(uv, 4), 1.0);
}`;

export interface FinalEffects {
  dof: boolean;
  bloom: boolean;
  particles: boolean;
  sweep: boolean;
  grade: boolean;
  vignette: boolean;
  grain: boolean;
}

export function finalKey(fx: FinalEffects): string {
  return Object.entries(fx)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join('+');
}

export function finalFs(fx: FinalEffects): string {
  const defines = Object.entries(fx)
    .filter(([, on]) => on)
    .map(([name]) => `#define ${name.toUpperCase()}`)
    .join('\n');
  return /* glsl */ `#version 300 es
${defines}
precision highp float;
precision highp int;
uniform highp sampler2D u_scene;
uniform bool u_flipY;
uniform float u_time;
out vec4 o_color;
${LINEAR_TO_SRGB}
${HASH_GLSL}
#ifdef DOF
uniform highp sampler2D u_dofImage;
uniform vec2 u_dof;
uniform float u_maxRadius;
// The half-size blur at output point o, from the texels whose depth matches this pixel's: a plain bilinear
// upsample would spread texels that straddle an edge (a sharp subject's colour) as a halo on the blur.
vec3 blurAt(vec2 o, float depth) {
  ivec2 last = textureSize(u_dofImage, 0) - 1;
  vec2 h = 0.5 * o - 0.5;
  ivec2 base = ivec2(floor(h));
  vec2 f = h - vec2(base);
  vec4 acc = vec4(0.0);
  for (int j = 0; j < 2; j++) {
    for (int i = 0; i < 2; i++) {
      vec4 t = texelFetch(u_dofImage, clamp(base + ivec2(i, j), ivec2(0), last), 0);
      float w = (i == 0 ? 1.0 - f.x : f.x) * (j == 0 ? 1.0 - f.y : f.y) * (1e-4 + exp(-32.0 * abs(t.a - depth)));
      acc += vec4(t.rgb, 1.0) * w;
    }
  }
  return acc.rgb / acc.a;
}
#endif
#ifdef BLOOM
uniform highp sampler2D u_glow;
uniform float u_bloom;
#endif
#ifdef PARTICLES
${CAMERA_GLSL}
${PARTICLES_GLSL}
#endif
#ifdef SWEEP
uniform vec4 u_sweep;        // direction (unit, output px), centre along it (px), width at half maximum (px)
uniform float u_sweepLight;
#endif
#ifdef GRADE
uniform vec4 u_grade;        // exposure gain, contrast, saturation, warmth
#endif
#ifdef VIGNETTE
uniform float u_vignette;
#endif
#ifdef GRAIN
uniform float u_grain;
#endif
void main() {
  ivec2 size = textureSize(u_scene, 0);
  // The scene target holds the top row first; u_flipY keeps that order for readPixels, else the canvas shows it upright.
  ivec2 px = ivec2(gl_FragCoord.x, u_flipY ? int(gl_FragCoord.y) : size.y - 1 - int(gl_FragCoord.y));
  vec2 o = vec2(px) + 0.5;
  vec4 scene = texelFetch(u_scene, px, 0);
  vec3 c = scene.rgb;
#ifdef DOF
  float r = min(u_dof.x * abs(scene.a - u_dof.y), u_maxRadius);
  if (r > 0.5) c = mix(c, blurAt(o, scene.a), smoothstep(0.5, 1.5, r));
#endif
#ifdef BLOOM
  c += u_bloom * textureLod(u_glow, 0.5 * o / vec2(textureSize(u_glow, 0)), 0.0).rgb;
#endif
#ifdef PARTICLES
  // Only where the scene lies behind the particles' depth: a subject in front hides them.
  float shown = smoothstep(-0.01, 0.01, u_pLight.z - scene.a);
  if (shown > 0.0) c += vec3(1.0, 0.93, 0.82) * particleLight(o, u_time) * shown;
#endif
#ifdef SWEEP
  float t = (dot(o, u_sweep.xy) - u_sweep.z) / u_sweep.w;
  // Light falling on the picture: it lifts what is already lit more than what is dark.
  c += u_sweepLight * exp(-2.7726 * t * t) * (0.05 + c);
#endif
#ifdef GRADE
  c *= u_grade.x * vec3(1.0 + 0.15 * u_grade.w, 1.0, 1.0 - 0.15 * u_grade.w);
  if (u_grade.y != 1.0) c = 0.18 * pow(max(c, 0.0) / 0.18, vec3(u_grade.y));
  if (u_grade.z != 1.0) c = max(mix(vec3(dot(c, vec3(0.2126, 0.7152, 0.0722))), c, u_grade.z), 0.0);
#endif
#ifdef VIGNETTE
  vec2 half_ = 0.5 * vec2(size);
  c *= 1.0 - 0.7 * u_vignette * smoothstep(0.35, 1.0, length(o - half_) / length(half_));
#endif
  vec3 srgb = linearToSrgb(clamp(c, 0.0, 1.0));
#ifdef GRAIN
  // Zero-mean (triangular) noise per pixel and frame, strongest in the mid-tones, where film grain shows.
  vec3 h = vec3(pcg3d(uvec3(uvec2(px), floatBitsToUint(u_time)))) * (1.0 / 4294967296.0);
  float l = dot(srgb, vec3(0.2126, 0.7152, 0.0722));
  srgb += u_grain * 0.12 * (h.x + h.y - 1.0) * 4.0 * l * (1.0 - l);
#endif
  o_color = vec4(srgb, 1.0);
}`;
}
