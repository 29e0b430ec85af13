// Procedural particles: dust motes or soft bokeh discs on a jittered grid in
// the plane at the particles' depth, so they ride the camera's parallax there.
// Each output pixel looks at the 2×2 grid cells nearest it (a particle never
// reaches half a cell past its own): constant work, no particle list.
// Everything follows from the seed and the time, so preview and export draw
// the same field.
import type { Effects, Particles, Size } from '../motion/types';
import type { Program } from './gl-util';

/** A 3D integer hash (Jarzynski and Olano's pcg3d): well mixed, cheap, no sin() precision to differ between GPUs. */
export const HASH_GLSL = /* glsl */ `
uvec3 pcg3d(uvec3 v) {
  v = v * 1664525u + 1013904223u;
  v.x += v.y * v.z; v.y += v.z * v.x; v.z += v.x * v.y;
  v ^= v >> 16u;
  v.x += v.y * v.z; v.y += v.z * v.x; v.z += v.x * v.y;
  return v;
}`;

/** Needs CAMERA_GLSL and HASH_GLSL before it. */
export const PARTICLES_GLSL = /* glsl */ `
uniform vec4 u_pField;   // cell size (source px), chance a cell holds a particle, least radius, radius spread (source px)
uniform vec4 u_pLight;   // peak light, bokeh (1) or dust (0), depth, defocus radius (output px)
uniform vec2 u_pDrift;   // how far the field has drifted by now (source px)
uniform uint u_pSeed;
vec3 hash3(ivec2 cell, uint salt) {
  return vec3(pcg3d(uvec3(uvec2(cell + 32768), u_pSeed * 2u + salt))) * (1.0 / 4294967296.0);
}
// Linear light the particles add at output point o.
float particleLight(vec2 o, float time) {
  float q = disparity(u_pLight.z);
  float scale = u_outPerSource.x / (1.0 - u_shift.z * q); // output px per source px at the particles' depth
  vec2 f = (unproject(o, q) + u_pDrift) / u_pField.x;
  ivec2 base = ivec2(floor(f - 0.5));
  // Particles sit in [0.08, 0.92] of their cell; with their radius capped below 0.4 cells none reaches past the 2×2 cells nearest a point.
  float most = 0.38 * u_pField.x * scale;
  float light = 0.0;
  for (int j = 0; j <= 1; j++) {
    for (int i = 0; i <= 1; i++) {
      ivec2 cell = base + ivec2(i, j);
      vec3 a = hash3(cell, 0u);
      if (a.x >= u_pField.y) continue;
      vec3 b = hash3(cell, 1u);
      // Each particle sways about its place in the cell.
      vec2 sway = 0.12 * vec2(sin(time * (0.5 + 0.8 * b.x) + 6.2832 * b.y), cos(time * (0.4 + 0.7 * b.y) + 6.2832 * b.x));
      vec2 centre = vec2(cell) + 0.2 + 0.6 * a.yz + sway;
      float dist = length(f - centre) * u_pField.x * scale;
      float radius = min(most, max(0.5, (u_pField.z + u_pField.w * b.z) * scale));
      float r = min(most, radius + u_pLight.w);
      // Defocus spreads the same light over a larger disc.
      float energy = (radius * radius) / (r * r) * (0.45 + 0.55 * fract(b.z * 7.31));
      float shape = u_pLight.y > 0.5
        ? clamp((r - dist) / max(1.0, 0.12 * r) + 0.5, 0.0, 1.0) * (0.75 + 0.25 * smoothstep(0.5 * r, r, dist))
        : exp(-2.0 * (dist * dist) / (r * r)) * (0.7 + 0.3 * sin(time * 2.3 + 6.2832 * a.y));
      light += energy * shape;
    }
  }
  return light * u_pLight.x;
}`;

/** Dust: many small bright motes drifting up; bokeh: fewer, larger, fainter discs drifting slowly. Sizes are fractions of the picture's long side. */
const KINDS = {
  dust: { cells: 28, chance: 0.55, radius: 0.0012, spread: 0.0018, light: 0.55, drift: [0.004, -0.008] },
  bokeh: { cells: 9, chance: 0.4, radius: 0.012, spread: 0.014, light: 0.16, drift: [0.0015, -0.003] },
} as const;

export function setParticles(gl: WebGL2RenderingContext, p: Program, particles: Particles, dof: Effects['dof'], image: Size, time: number): void {
  const kind = KINDS[particles.kind];
  const long = Math.max(image.width, image.height);
  gl.uniform4f(p.loc('u_pField'), long / kind.cells, kind.chance * particles.amount, kind.radius * long, kind.spread * long);
  const defocus = dof.blur * Math.abs(particles.depth - dof.focusDepth);
  gl.uniform4f(p.loc('u_pLight'), kind.light, particles.kind === 'bokeh' ? 1 : 0, particles.depth, defocus);
  gl.uniform2f(p.loc('u_pDrift'), -kind.drift[0] * long * time, -kind.drift[1] * long * time);
  gl.uniform1ui(p.loc('u_pSeed'), particles.seed >>> 0);
}
