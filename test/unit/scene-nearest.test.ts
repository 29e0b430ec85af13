import { describe, expect, it } from 'vitest';
import { nearestSeed } from '../../engine/scene/nearest';

/** Squared distance from every pixel to its nearest seed, by brute force (Infinity without seeds). */
function bruteDistance(seed: Float32Array, width: number): Float64Array {
  const out = new Float64Array(seed.length).fill(Infinity);
  for (let i = 0; i < seed.length; i++) {
    for (let j = 0; j < seed.length; j++) {
      if (seed[j] !== 1) continue;
      out[i] = Math.min(out[i]!, ((i % width) - (j % width)) ** 2 + (Math.floor(i / width) - Math.floor(j / width)) ** 2);
    }
  }
  return out;
}

describe('nearestSeed', () => {
  it.each([
    [37, 23, 0.05],
    [5, 40, 0.1],
    [64, 70, 0.002],
    [130, 9, 0.3],
  ])('%i × %i, seed density %f: a seed at the least Euclidean distance', (width, height, density) => {
    let s = width * height;
    const seed = Float32Array.from({ length: width * height }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 < density ? 1 : 0));
    const nearest = nearestSeed(seed, width, height);
    const distance = bruteDistance(seed, width);
    const wrong: number[] = [];
    nearest.forEach((j, i) => {
      const d = ((i % width) - (j % width)) ** 2 + (Math.floor(i / width) - Math.floor(j / width)) ** 2;
      if (seed[j] !== 1 || d !== distance[i]) wrong.push(i);
    });
    expect(wrong).toEqual([]);
  });

  it('answers -1 everywhere without a seed, and a seed itself for a seed', () => {
    expect([...nearestSeed(new Float32Array(12), 4, 3)]).toEqual(new Array(12).fill(-1));
    const seed = new Float32Array(12);
    seed[6] = 1;
    expect([...nearestSeed(seed, 4, 3)]).toEqual(new Array(12).fill(6));
  });
});
