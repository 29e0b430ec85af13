// The benchmark's test photo, made in code so every run uses the same pixels:
// sky and ground gradients, hills, a few solid shapes and fine value-noise
// texture (what an encoder finds hard), tones kept within 30..220, plus
// tracking markers — a white Gaussian dot on a black disc, the only pixels
// near 0 or 255 — whose centres the jitter measurement finds again.
export interface Photo {
  width: number;
  height: number;
  /** RGBA, top row first. */
  data: Uint8Array;
  /** Marker centres in continuous pixel coordinates (pixel i covers i..i+1). */
  markers: { x: number; y: number }[];
}

/** Marker grid as fractions of the width and height: inside a centred 16:9 crop zoomed 1.25×. */
const MARKER_XS = [0.3, 0.5, 0.7];
const MARKER_YS = [0.36, 0.5, 0.64];
/** The dot's Gaussian sigma and the black disc's radius, as shares of the width. */
export const MARKER_SIGMA = 0.004;
export const MARKER_DISC = 0.02;

/** A repeatable pseudo-random lattice value in 0..1 (integer hash). */
function lattice(i: number, j: number, seed: number): number {
  let h = Math.imul(i, 374761393) ^ Math.imul(j, 668265263) ^ Math.imul(seed, 2246822519);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smoothly interpolated lattice noise at (x, y) in lattice cells, 0..1. */
function valueNoise(x: number, y: number, seed: number): number {
  const i = Math.floor(x);
  const j = Math.floor(y);
  const fx = x - i;
  const fy = y - j;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = lattice(i, j, seed);
  const b = lattice(i + 1, j, seed);
  const c = lattice(i, j + 1, seed);
  const d = lattice(i + 1, j + 1, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

const clampTone = (v: number) => Math.min(220, Math.max(30, v));

/**
 * The scene without markers at (u, y), fractions of the width and height (so
 * any size shows the same picture): tones 30..220 in every channel. Noise
 * runs in width units (x = u · aspect) so its grain is round.
 */
function scenePixel(u: number, y: number, aspect: number, out: number[]): void {
  const x = u * aspect;
  const horizon = 0.42 + 0.04 * Math.sin(u * 7) + 0.05 * (valueNoise(u * 6, 0.5, 3) - 0.5);
  const grain = valueNoise(x * 700, y * 700, 1) - 0.5;
  const detail = valueNoise(x * 120, y * 120, 2) - 0.5;
  let r: number;
  let g: number;
  let b: number;
  if (y < horizon) {
    const t = y / horizon;
    const cloud = Math.max(0, valueNoise(x * 8, y * 10, 4) - 0.55) * 2;
    r = 90 + 70 * t + 90 * cloud;
    g = 130 + 55 * t + 80 * cloud;
    b = 205 - 15 * t + 10 * cloud;
  } else {
    const t = (y - horizon) / (1 - horizon);
    const field = valueNoise(x * 25, y * 30, 5);
    r = 70 + 60 * field + 30 * t + 40 * detail;
    g = 105 + 50 * field - 20 * t + 40 * detail;
    b = 45 + 25 * field + 40 * detail;
  }
  // Shapes: a warm disc (the subject), a tall grey block and a dark ellipse.
  const dx = (u - 0.62) * aspect;
  const dy = y - 0.5;
  if (dx * dx + dy * dy < 0.02) {
    const shade = 1 - 2 * (dx * dx + dy * dy);
    r = 200 * shade + 20 * detail;
    g = 120 * shade + 20 * detail;
    b = 70 * shade + 20 * detail;
  } else if (u > 0.14 && u < 0.24 && y > 0.25 && y < 0.7) {
    const stripe = Math.floor((y - 0.25) * 60) % 2 === 0 ? 12 : -12;
    r = g = b = 140 + stripe + 30 * detail;
  } else if (((u - 0.82) / 0.09) ** 2 + ((y - 0.62) / 0.05) ** 2 < 1) {
    r = 45 + 20 * detail;
    g = 50 + 20 * detail;
    b = 60 + 20 * detail;
  }
  const vignette = 1 - 0.25 * ((u - 0.5) ** 2 + (y - 0.5) ** 2);
  out[0] = clampTone(r * vignette + 24 * grain);
  out[1] = clampTone(g * vignette + 24 * grain);
  out[2] = clampTone(b * vignette + 24 * grain);
}

/** Draws one marker: a black disc, then a white Gaussian dot over it. */
function drawMarker(data: Uint8Array, width: number, height: number, cx: number, cy: number): void {
  const sigma = MARKER_SIGMA * width;
  const disc = MARKER_DISC * width;
  for (let j = Math.max(0, Math.floor(cy - disc)); j < Math.min(height, Math.ceil(cy + disc)); j++) {
    for (let i = Math.max(0, Math.floor(cx - disc)); i < Math.min(width, Math.ceil(cx + disc)); i++) {
      const d2 = (i + 0.5 - cx) ** 2 + (j + 0.5 - cy) ** 2;
      if (d2 > disc * disc) continue;
      const value = Math.round(255 * Math.exp(-d2 / (2 * sigma * sigma)));
      const o = (j * width + i) * 4;
      data[o] = data[o + 1] = data[o + 2] = value;
    }
  }
}

export function makePhoto(width: number, height: number): Photo {
  const data = new Uint8Array(width * height * 4);
  const px = [0, 0, 0];
  const aspect = width / height;
  for (let j = 0; j < height; j++) {
    const v = (j + 0.5) / height;
    for (let i = 0; i < width; i++) {
      scenePixel((i + 0.5) / width, v, aspect, px);
      const o = (j * width + i) * 4;
      data[o] = px[0]!;
      data[o + 1] = px[1]!;
      data[o + 2] = px[2]!;
      data[o + 3] = 255;
    }
  }
  const markers = MARKER_YS.flatMap((fy) => MARKER_XS.map((fx) => ({ x: fx * width, y: fy * height })));
  for (const m of markers) drawMarker(data, width, height, m.x, m.y);
  return { width, height, data, markers };
}
