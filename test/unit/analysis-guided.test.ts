import { describe, expect, it } from 'vitest';
import { boxBlur, guidedUpsample } from '../../engine/analysis/guided-upsample';
import { fitTransform, planeToImage } from '../../engine/analysis/letterbox';
import type { Plane, RgbaImage } from '../../engine/analysis/types';

const plane = (width: number, height: number, values: number[]): Plane => ({
  width,
  height,
  data: Float32Array.from(values),
});
const rounded = (p: Plane) => Array.from(p.data, (v) => +v.toFixed(5));

describe('boxBlur', () => {
  it('averages over the window, clipped at the borders', () => {
    expect(rounded(boxBlur(plane(5, 1, [0, 0, 6, 0, 0]), 1))).toEqual([0, 2, 2, 2, 0]);
    expect(rounded(boxBlur(plane(5, 1, [3, 0, 0, 0, 0]), 1))).toEqual([1.5, 1, 0, 0, 0]);
    expect(rounded(boxBlur(plane(3, 3, [0, 0, 0, 0, 36, 0, 0, 0, 0]), 1))).toEqual([9, 6, 9, 6, 4, 6, 9, 6, 9]);
  });

  it('gives the same mean whatever the radius on a uniform plane, even a radius past the plane', () => {
    for (const r of [0, 2, 9]) expect(rounded(boxBlur(plane(4, 3, Array(12).fill(0.3)), r))).toEqual(Array(12).fill(0.3));
  });
});

describe('guidedUpsample', () => {
  const size = 256;
  const low = 16;
  const inside = (x: number, y: number) => (x - 128) ** 2 + (y - 120) ** 2 < 80 ** 2;

  /** A disc (warm) on a background (cool), sharp-edged. */
  const guide: RgbaImage = (() => {
    const data = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        data.set(inside(x + 0.5, y + 0.5) ? [210, 90, 60, 255] : [50, 90, 170, 255], (y * size + x) * 4);
      }
    }
    return { width: size, height: size, data };
  })();

  /** The disc's coverage of each low-resolution pixel, as a segmentation model's soft mask would be. */
  const mask: Plane = (() => {
    const data = new Float32Array(low * low);
    const k = size / low;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (inside(x + 0.5, y + 0.5)) data[Math.floor(y / k) * low + Math.floor(x / k)]! += 1 / (k * k);
      }
    }
    return { width: low, height: low, data };
  })();

  const soft = (p: Plane) => p.data.filter((v) => v > 0.1 && v < 0.9).length;
  const error = (p: Plane) => {
    let sum = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) sum += Math.abs(p.data[y * size + x]! - (inside(x + 0.5, y + 0.5) ? 1 : 0));
    }
    return sum / (size * size);
  };

  it('snaps the boundary to the image edge, unlike bilinear upsampling', () => {
    const bilinear = planeToImage(mask, fitTransform(size, size, low, low, 'stretch'), size, size);
    const guided = guidedUpsample(mask, guide);
    expect(guided.width).toBe(size);
    expect(guided.height).toBe(size);
    expect(soft(guided)).toBeLessThan(soft(bilinear) / 2);
    expect(error(guided)).toBeLessThan(error(bilinear) / 10);
    expect(guided.data[120 * size + 128]).toBeGreaterThan(0.95);
    expect(guided.data[10 * size + 10]).toBeLessThan(0.05);
  });

  it('keeps values within 0..1', () => {
    const guided = guidedUpsample(mask, guide, { radius: 4, eps: 1e-6 });
    expect(Math.min(...guided.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...guided.data)).toBeLessThanOrEqual(1);
  });

  it('leaves a uniform mask uniform whatever the guide', () => {
    const data = Uint8ClampedArray.from({ length: 64 * 48 * 4 }, (_, i) => (i * 2654435761) >>> 24);
    const noisy: RgbaImage = { width: 64, height: 48, data };
    const out = guidedUpsample(plane(8, 6, Array(48).fill(0.7)), noisy);
    expect(out.width).toBe(64);
    expect(out.height).toBe(48);
    for (const v of out.data) expect(v).toBeCloseTo(0.7, 4);
  });
});
