import { describe, expect, it } from 'vitest';
import { i420Size, rgbaToI420 } from '../../engine/encode/yuv';

/** BT.709 limited range from the definition, in floating point. */
function exact(r: number, g: number, b: number): { y: number; cb: number; cr: number } {
  const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { y: 16 + (219 / 255) * luma, cb: 128 + ((224 / 255) * (b - luma)) / 1.8556, cr: 128 + ((224 / 255) * (r - luma)) / 1.5748 };
}

function solid(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([...rgb, 255], i * 4);
  return rgba;
}

function convert(rgba: Uint8Array, width: number, height: number) {
  const dst = new Uint8Array(i420Size(width, height));
  rgbaToI420(rgba, width, height, dst);
  const y = dst.subarray(0, width * height);
  const u = dst.subarray(width * height, width * height + (width * height) / 4);
  const v = dst.subarray(width * height + (width * height) / 4);
  return { y, u, v };
}

describe('rgbaToI420 (BT.709, limited range)', () => {
  it.each([
    ['black', [0, 0, 0], [16, 128, 128]],
    ['white', [255, 255, 255], [235, 128, 128]],
    ['red', [255, 0, 0], [63, 102, 240]],
    ['green', [0, 255, 0], [173, 42, 26]],
    ['blue', [0, 0, 255], [32, 240, 118]],
  ] as const)('gives %s its standard code values', (_, rgb, [y, u, v]) => {
    const planes = convert(solid(4, 2, [...rgb]), 4, 2);
    expect([...planes.y]).toEqual(Array(8).fill(y));
    expect([...planes.u]).toEqual([u, u]);
    expect([...planes.v]).toEqual([v, v]);
  });

  it('rounds every sample to the nearest level of the exact formula', () => {
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 255;
    const width = 64;
    const height = 32;
    const rgba = new Uint8Array(width * height * 4).map(next);
    const { y, u, v } = convert(rgba, width, height);
    let worst = 0;
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const p = (j * width + i) * 4;
        worst = Math.max(worst, Math.abs(y[j * width + i]! - exact(rgba[p]!, rgba[p + 1]!, rgba[p + 2]!).y));
      }
    }
    for (let j = 0; j < height / 2; j++) {
      for (let i = 0; i < width / 2; i++) {
        // The chroma of a 2×2 block is the formula applied to its mean colour.
        const mean = [0, 1, 2].map((c) => [0, 1].flatMap((dy) => [0, 1].map((dx) => rgba[((2 * j + dy) * width + 2 * i + dx) * 4 + c]!)).reduce((a, b) => a + b) / 4);
        const e = exact(mean[0]!, mean[1]!, mean[2]!);
        worst = Math.max(worst, Math.abs(u[j * (width / 2) + i]! - e.cb), Math.abs(v[j * (width / 2) + i]! - e.cr));
      }
    }
    expect(worst).toBeLessThanOrEqual(0.51);
  });

  it('puts each block’s chroma at its place in the U and V planes', () => {
    // Left half red, right half blue, top row black: chroma follows the 2×2 blocks.
    const width = 4;
    const height = 4;
    const rgba = new Uint8Array(width * height * 4);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) rgba.set(j < 2 && i < 2 ? [255, 0, 0, 255] : j < 2 ? [0, 0, 255, 255] : [0, 0, 0, 255], (j * width + i) * 4);
    }
    const { y, u, v } = convert(rgba, width, height);
    expect([...y]).toEqual([63, 63, 32, 32, 63, 63, 32, 32, 16, 16, 16, 16, 16, 16, 16, 16]);
    expect([...u]).toEqual([102, 240, 128, 128]);
    expect([...v]).toEqual([240, 118, 128, 128]);
  });

  it('refuses odd sides and short buffers', () => {
    expect(() => rgbaToI420(new Uint8Array(3 * 2 * 4), 3, 2, new Uint8Array(12))).toThrow(/even sides/);
    expect(() => rgbaToI420(new Uint8Array(4), 2, 2, new Uint8Array(6))).toThrow(/too small/);
  });
});
