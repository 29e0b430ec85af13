import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../engine/analysis/types';
import { NO_EFFECTS, type FrameSpec, type View } from '../../engine/motion/types';
import { CpuRenderer, reduceSource, renderView } from '../../engine/scene/cpu-render';

function image(width: number, height: number, value: (x: number, y: number) => number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = value(x, y);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const toLinear = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const toSrgb8 = (c: number) => Math.round(255 * (c < 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
const whole = (img: RgbaImage): View => ({ cx: img.width / 2, cy: img.height / 2, w: img.width, h: img.height });
const red = (px: Uint8ClampedArray, width: number, x: number, y: number) => px[(y * width + x) * 4]!;

describe('renderView', () => {
  it('reproduces the image exactly through an identity view', () => {
    const src = image(37, 23, (x, y) => (x * 7 + y * 13) % 256);
    src.data.forEach((_, i) => {
      if (i % 4 === 1) src.data[i] = (i * 31) % 256;
    });
    expect(renderView(src, whole(src), { width: 37, height: 23 })).toEqual(src.data);
  });

  it('keeps a constant image constant under a half-pixel shift', () => {
    const src = image(20, 12, () => 137);
    const out = renderView(src, { cx: 10.5, cy: 6.5, w: 20, h: 12 }, { width: 20, height: 12 });
    expect(new Set(out.filter((_, i) => i % 4 !== 3))).toEqual(new Set([137]));
  });

  it('gives a step edge shifted by half a pixel the Catmull-Rom response (-1, 9, 9, -1)/16 in linear light', () => {
    const [lo, hi] = [60, 200];
    const src = image(20, 4, (x) => (x < 10 ? lo : hi));
    const out = renderView(src, { cx: 10.5, cy: 2, w: 20, h: 4 }, { width: 20, height: 4 });
    const [a, b] = [toLinear(lo), toLinear(hi)];
    // Output pixel k samples source position k + 0.5: taps k-1..k+2 with weights (-1, 9, 9, -1)/16.
    expect([7, 8, 9, 10, 11].map((x) => red(out, 20, x, 1))).toEqual([
      lo,
      toSrgb8(a - (b - a) / 16),
      toSrgb8((a + b) / 2),
      toSrgb8(b + (b - a) / 16),
      hi,
    ]);
  });

  it('minifies a pixel checkerboard to even grey, where point sampling would alias to black or white', () => {
    const src = image(96, 96, (x, y) => ((x + y) % 2) * 255);
    const grey = toSrgb8(0.5);
    for (const size of [24, 31]) {
      const out = renderView(src, whole(src), { width: size, height: size });
      // Away from the clamped borders, where the kernel's clamped taps weigh one colour more.
      for (let y = 2; y < size - 2; y++) {
        for (let x = 2; x < size - 2; x++) expect(Math.abs(red(out, size, x, y) - grey)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('magnifies 2x with the quarter-pixel Catmull-Rom weights at the pixel-centre positions', () => {
    const values = [12, 200, 45, 90, 250, 3, 128, 77, 160, 30, 99, 210, 64, 180, 5, 140];
    const src = image(16, 4, (x) => values[x]!);
    const out = renderView(src, { cx: 8, cy: 2, w: 8, h: 2 }, { width: 16, height: 4 });
    const quarter = [-0.0703125, 0.8671875, 0.2265625, -0.0234375];
    for (let k = 0; k < 16; k++) {
      // Output pixel k's centre is source position 4 + (k + 0.5) / 2, texel index 3.75 + k / 2.
      const base = Math.floor(3.75 + k / 2);
      const weights = k % 2 === 0 ? [...quarter].reverse() : quarter;
      const linear = weights.reduce((sum, w, t) => sum + w * toLinear(values[base - 1 + t]!), 0);
      expect(red(out, 16, k, 1)).toBe(toSrgb8(Math.min(1, Math.max(0, linear))));
    }
  });
});

describe('reduceSource', () => {
  it('reduces in passes of at most 4x to the sizes the GPU renderer makes', () => {
    const src = image(600, 400, (x, y) => (x + y) % 256);
    expect(reduceSource(src, 1).image).toBe(src);
    const once = reduceSource(src, 2.5);
    expect([once.image.width, once.image.height]).toEqual([240, 160]);
    expect(once.reduction).toEqual({ x: 2.5, y: 2.5 });
    const twice = reduceSource(src, 10);
    expect([twice.image.width, twice.image.height]).toEqual([60, 40]);
  });

  it('keeps a constant image constant', () => {
    const reduced = reduceSource(image(90, 50, () => 77), 3);
    expect(new Set(reduced.image.data.filter((_, i) => i % 4 !== 3))).toEqual(new Set([77]));
  });
});

describe('CpuRenderer', () => {
  const frame = (view: View): FrameSpec => ({
    pose: { view, shift: { x: 30, y: 0, z: 0.2 } },
    depth: { strength: 0.8, focusDepth: 0.5 },
    effects: NO_EFFECTS,
    time: 0,
  });

  it("draws the pose's 2D view from the reduced picture, upright onto the canvas and for read()", () => {
    const src = image(120, 80, (x, y) => (x * 3 + y * 5) % 256);
    const put: Uint8ClampedArray[] = [];
    const ctx = {
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (img: { data: Uint8ClampedArray }) => put.push(img.data),
      clearRect: () => put.push(new Uint8ClampedArray(0)),
    };
    const canvas = { width: 30, height: 20, getContext: () => ctx } as unknown as OffscreenCanvas;
    const renderer = new CpuRenderer(canvas, () => src);
    renderer.setScene({ width: 120, height: 80 } as ImageBitmap, null, 2);
    const view = { cx: 61.3, cy: 39.7, w: 90, h: 60 };
    const reduced = reduceSource(src, 2);
    const expected = renderView(reduced.image, view, { width: 30, height: 20 }, reduced.reduction);

    renderer.draw(frame(view), true);
    const dst = new Uint8Array(30 * 20 * 4);
    renderer.read(dst);
    expect(dst).toEqual(new Uint8Array(expected));
    expect(put).toEqual([]);

    renderer.draw(frame(view));
    expect(put).toEqual([expected]);
    renderer.clear();
    expect(put[1]).toHaveLength(0);
    expect(() => renderer.read(dst)).toThrow();
  });
});
