import { describe, expect, it } from 'vitest';
import type { Plane } from '../../engine/analysis/types';
import { movingMax, movingMin } from '../../engine/scene/moving-min';

/** Deterministic values in [0, 1): a linear congruential sequence. */
function noise(width: number, height: number, seed: number): Plane {
  let s = seed;
  const data = Float32Array.from({ length: width * height }, () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { width, height, data };
}

/** The window's extreme by brute force, the window clipped to the plane. */
function brute(p: Plane, r: number, pick: (a: number, b: number) => number, start: number): Float32Array {
  const out = new Float32Array(p.data.length);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      let v = start;
      for (let yy = Math.max(0, y - r); yy <= Math.min(p.height - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(p.width - 1, x + r); xx++) v = pick(v, p.data[yy * p.width + xx]!);
      }
      out[y * p.width + x] = v;
    }
  }
  return out;
}

describe('movingMin and movingMax', () => {
  // Sizes around the window and the 64-column strips: narrower, wider, not multiples.
  const cases = [
    [37, 23, 3],
    [5, 40, 7],
    [130, 9, 2],
    [70, 66, 0],
    [1, 1, 4],
    [150, 31, 20],
  ] as const;

  it.each(cases)('%i × %i, radius %i: the minimum and maximum over each clipped window', (width, height, r) => {
    const p = noise(width, height, width * 31 + r);
    expect(movingMin(p, r).data).toEqual(brute(p, r, Math.min, Infinity));
    expect(movingMax(p, r).data).toEqual(brute(p, r, Math.max, -Infinity));
  });

  it('writes into a given buffer, which may be the plane itself', () => {
    const p = noise(90, 40, 7);
    const expected = brute(p, 5, Math.min, Infinity);
    const same = movingMin(p, 5, p.data);
    expect(same.data).toBe(p.data);
    expect(p.data).toEqual(expected);
  });
});
