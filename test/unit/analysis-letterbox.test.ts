import { describe, expect, it } from 'vitest';
import {
  fitTransform,
  planeToImage,
  prepareInput,
  rangeSpec,
  resizeRgba,
  toImagePoint,
  toImageRect,
  toModelPoint,
  type InputSpec,
} from '../../engine/analysis/letterbox';
import type { RgbaImage } from '../../engine/analysis/types';

function image(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const spec = (width: number, height: number, over: Partial<InputSpec> = {}): InputSpec => ({
  width,
  height,
  layout: 'NHWC',
  ...rangeSpec(0, 1),
  fit: 'letterbox',
  ...over,
});

describe('rangeSpec', () => {
  it('maps 0..255 onto [0, 1] and [-1, 1]', () => {
    expect(rangeSpec(0, 1)).toEqual({ mean: [0, 0, 0], std: [1, 1, 1] });
    expect(rangeSpec(-1, 1)).toEqual({ mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
  });
});

describe('fitTransform and point mapping', () => {
  it('letterboxes 200×100 into 128×128 at 0.64 with 32 rows of padding above and below', () => {
    const t = fitTransform(200, 100, 128, 128, 'letterbox');
    expect(t).toMatchObject({ scaleX: 0.64, scaleY: 0.64, padX: 0, padY: 32 });
    expect(toModelPoint(t, { x: 0, y: 0 })).toEqual({ x: 0, y: 32 });
    expect(toModelPoint(t, { x: 200, y: 100 })).toEqual({ x: 128, y: 96 });
  });

  it('stretches with independent scales and no padding', () => {
    expect(fitTransform(200, 100, 128, 128, 'stretch')).toMatchObject({ scaleX: 0.64, scaleY: 1.28, padX: 0, padY: 0 });
  });

  it('round-trips image points and maps model rectangles back to image pixels', () => {
    const t = fitTransform(3000, 4000, 256, 256, 'letterbox');
    const p = { x: 1234.5, y: 3210.25 };
    const back = toImagePoint(t, toModelPoint(t, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
    const lb = fitTransform(200, 100, 128, 128, 'letterbox');
    expect(toImageRect(lb, { x: 32, y: 48, w: 64, h: 16 })).toEqual({ x: 50, y: 25, w: 100, h: 25 });
  });
});

describe('prepareInput', () => {
  it('fills the letterbox padding with normalised black and the content with the normalised colour', () => {
    const { tensor, dims, transform } = prepareInput(
      image(200, 100, () => [51, 102, 204]),
      spec(128, 128, rangeSpec(-1, 1)),
    );
    expect(dims).toEqual([1, 128, 128, 3]);
    expect(transform.padY).toBe(32);
    for (let y = 0; y < 128; y++) {
      const expected = y < 32 || y >= 96 ? [-1, -1, -1] : [-0.6, -0.2, 0.6];
      for (let x = 0; x < 128; x += 7) {
        for (let c = 0; c < 3; c++) expect(tensor[(y * 128 + x) * 3 + c]).toBeCloseTo(expected[c]!, 5);
      }
    }
  });

  it('applies per-channel mean and std', () => {
    const { tensor } = prepareInput(
      image(2, 2, () => [255, 0, 102]),
      spec(2, 2, { mean: [0.5, 0.25, 0], std: [0.25, 0.5, 2] }),
    );
    expect(Array.from(tensor.subarray(0, 3)).map((v) => +v.toFixed(4))).toEqual([2, -0.5, 0.2]);
  });

  it('averages 1-px stripes when shrinking 8× instead of point-sampling them', () => {
    const stripes = image(1024, 128, (x) => (x % 2 ? [255, 255, 255] : [0, 0, 0]));
    const { tensor } = prepareInput(stripes, spec(128, 16, { fit: 'stretch' }));
    for (const v of tensor) expect(v).toBeCloseTo(0.5, 5);
  });

  it('stays close to the mean for a non-integer shrink factor', () => {
    const stripes = image(1000, 100, (x) => (x % 2 ? [255, 255, 255] : [0, 0, 0]));
    const { tensor, transform } = prepareInput(stripes, spec(128, 128));
    // 1000 / 128 = 7.8 source pixels per output pixel: at most one unmatched stripe in each.
    for (let y = transform.padY; y < transform.padY + 13; y++) {
      for (let x = 0; x < 128; x++) expect(Math.abs(tensor[(y * 128 + x) * 3]! - 0.5)).toBeLessThan(0.07);
    }
  });

  it('interpolates bilinearly between pixel centres when enlarging', () => {
    const { tensor } = prepareInput(image(2, 1, (x) => (x ? [255, 0, 0] : [0, 0, 0])), spec(4, 1, { fit: 'stretch' }));
    expect([0, 1, 2, 3].map((x) => tensor[x * 3])).toEqual([0, 0.25, 0.75, 1]);
  });

  it('puts the same values in the NCHW and NHWC positions', () => {
    const img = image(4, 3, (x, y) => [x * 60, y * 100, 255 - x * 10 - y * 20]);
    const nhwc = prepareInput(img, spec(4, 3));
    const nchw = prepareInput(img, spec(4, 3, { layout: 'NCHW' }));
    expect(nchw.dims).toEqual([1, 3, 3, 4]);
    expect(nhwc.tensor[(2 * 4 + 3) * 3 + 0]).toBeCloseTo(180 / 255, 6);
    expect(nchw.tensor[0 * 12 + 2 * 4 + 3]).toBeCloseTo(180 / 255, 6);
    expect(nchw.tensor[1 * 12 + 2 * 4 + 1]).toBeCloseTo(200 / 255, 6);
    expect(nchw.tensor[2 * 12 + 1 * 4 + 2]).toBeCloseTo(215 / 255, 6);
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 12; p++) expect(nchw.tensor[c * 12 + p]).toBe(nhwc.tensor[p * 3 + c]);
    }
  });
});

describe('resizeRgba', () => {
  it('area-averages 2×2 blocks into an opaque half-size copy', () => {
    const src = image(4, 2, (x) => [x < 2 ? 10 : 200, x % 2 ? 100 : 50, 255]);
    const half = resizeRgba(src, 2, 1);
    expect(half.width).toBe(2);
    expect(half.height).toBe(1);
    expect(Array.from(half.data)).toEqual([10, 75, 255, 255, 200, 75, 255, 255]);
  });
});

describe('planeToImage', () => {
  it('samples a model plane back onto an image-aligned grid, undoing the letterbox', () => {
    const t = fitTransform(200, 100, 128, 128, 'letterbox');
    for (const size of [128, 64]) {
      // Each value encodes its own model-pixel centre, so bilinear sampling returns the model coordinate.
      const k = 128 / size;
      const data = new Float32Array(size * size);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) data[y * size + x] = (x + 0.5) * k + 1000 * (y + 0.5) * k;
      }
      const out = planeToImage({ width: size, height: size, data }, t, 50, 25);
      expect(out.width).toBe(50);
      expect(out.height).toBe(25);
      for (const [i, j] of [[3, 2], [25, 12], [46, 22]] as const) {
        const mx = (i + 0.5) * 4 * 0.64;
        const my = (j + 0.5) * 4 * 0.64 + 32;
        expect(out.data[j * 50 + i]).toBeCloseTo(mx + 1000 * my, 1);
      }
    }
  });
});
