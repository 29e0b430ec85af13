// 8-bit sRGB ↔ linear light, exactly as the GPU's sRGB textures and the
// renderer's output encoding convert them.

/** 8-bit sRGB → linear light, as an sRGB texture fetch decodes it. */
export const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

const srgbCurve = (c: number) => (c < 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);

/** Linear light where each 8-bit sRGB level begins: level k covers [LEVEL_START[k], LEVEL_START[k + 1]). */
const LEVEL_START = Float64Array.from({ length: 257 }, (_, k) => {
  if (k === 0) return -Infinity;
  if (k === 256) return Infinity;
  // Invert the curve at the rounding boundary (k - 0.5) / 255 by bisection: exact to the last bit.
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (srgbCurve(mid) * 255 < k - 0.5) lo = mid;
    else hi = mid;
  }
  return hi;
});

/** Finer than the closest two level boundaries (1 / (255 * 12.92) apart), so a bucket holds at most one. */
const BUCKETS = 4096;
/** The level at each bucket's start: a value's level is this one or the next. */
const BUCKET_LEVEL = new Uint8Array(BUCKETS + 1);
for (let b = 0, k = 0; b <= BUCKETS; b++) {
  while (LEVEL_START[k + 1]! <= b / BUCKETS) k++;
  BUCKET_LEVEL[b] = k;
}

/**
 * Linear light → 8-bit sRGB, as the GPU writes it: clamped, the sRGB curve,
 * rounded; by table, without a power per channel (a frame has millions).
 */
export function linearToSrgb8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  const k = BUCKET_LEVEL[Math.floor(v * BUCKETS)]!;
  return v >= LEVEL_START[k + 1]! ? k + 1 : k;
}
