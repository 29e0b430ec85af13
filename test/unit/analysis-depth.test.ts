import { describe, expect, it } from 'vitest';
import { layeredDepth, sceneDepth } from '../../engine/analysis/depth';
import type { FaceBox, Plane, RgbaImage } from '../../engine/analysis/types';

type Rgb = [number, number, number];
interface Rect { x0: number; y0: number; x1: number; y1: number }

const W = 256;
const H = 192;
const SKY_ROWS = 64;

/** Deterministic noise in 0..1 (a fixed LCG), so the tests never flake. */
function noise(seed = 1): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Flat blue sky over the top third, grassy noise below; optional flat red boxes standing on the ground. */
function landscape(boxes: Rect[] = []): RgbaImage {
  const rand = noise(5);
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const t = 80 * (rand() - 0.5);
      const c: Rgb = boxes.some((b) => inRect(b, x, y)) ? [200, 60, 60] : y < SKY_ROWS ? [110, 160, 235] : [90 + t, 120 + t, 60 + t];
      data.set([...c, 255], 4 * (y * W + x));
    }
  return { width: W, height: H, data };
}

function inRect(r: Rect, x: number, y: number): boolean {
  return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
}

/** A mask of the boxes with a one-pixel soft edge whose 0.5 contour is the box edge. */
function mask(boxes: Rect[]): Plane {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let j = y - 1; j <= y + 1; j++) for (let i = x - 1; i <= x + 1; i++) s += boxes.some((b) => inRect(b, i, j)) ? 1 : 0;
      data[y * W + x] = s / 9;
    }
  return { width: W, height: H, data };
}

function at(p: Plane, x: number, y: number): number {
  return p.data[y * p.width + x]!;
}

function stats(p: Plane, where: (x: number, y: number) => boolean): { mean: number; std: number } {
  const v: number[] = [];
  for (let y = 0; y < p.height; y++) for (let x = 0; x < p.width; x++) if (where(x, y)) v.push(at(p, x, y));
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) };
}

const rowMean = (p: Plane, y: number) => stats(p, (_, j) => j === y).mean;

describe('sceneDepth', () => {
  const d = sceneDepth(landscape());

  it('puts the sky farthest, fading into the horizon over a few grid cells', () => {
    for (let y = 0; y < SKY_ROWS - 12; y++) expect(rowMean(d, y)).toBeCloseTo(0, 3);
    for (let y = 0; y < SKY_ROWS; y++) expect(rowMean(d, y)).toBeLessThanOrEqual(0.1);
  });

  it('brings the ground nearer row by row toward the bottom, as a floor seen from eye level', () => {
    for (let y = SKY_ROWS; y < H - 1; y++) expect(rowMean(d, y + 1)).toBeGreaterThanOrEqual(rowMean(d, y));
    // Below the sky's soft edge, disparity is linear in the row: 0.1 at the horizon (row 64), 1 at the bottom edge.
    for (const y of [100, 150, 191]) expect(rowMean(d, y)).toBeCloseTo(0.1 + (0.9 * (y + 0.5 - SKY_ROWS)) / (H - SKY_ROWS), 4);
  });

  it('is free of the texture noise', () => {
    for (const y of [80, 120, 180]) expect(stats(d, (_, j) => j === y).std).toBeLessThan(1e-6);
  });

  it('takes the horizon at 45 % of the height when no sky shows', () => {
    const rand = noise(9);
    const noSky = sceneDepth({ width: 64, height: 100, data: Uint8ClampedArray.from({ length: 64 * 100 * 4 }, (_, i) => (i % 4 === 3 ? 255 : 255 * rand())) });
    expect(rowMean(noSky, 30)).toBeCloseTo(0.1, 6);
    expect(rowMean(noSky, 99)).toBeCloseTo(0.1 + (0.9 * (99.5 - 45)) / 55, 4);
  });
});

describe('layeredDepth', () => {
  const box: Rect = { x0: 100, y0: 80, x1: 140, y1: 170 };
  const { depth, layers } = layeredDepth({ image: landscape([box]), subject: mask([box]), faces: [] });
  const inside = (x: number, y: number) => x >= box.x0 + 2 && x < box.x1 - 2 && y >= box.y0 + 2 && y < box.y1 - 2;

  it('stands a subject on its ground contact, a margin in front of the background around it', () => {
    expect(layers).toBe(1);
    // The ground two rows below its feet (row 171) is 0.1 + 0.9 · 107.5 / 128, squeezed by 0.75, plus the 0.15 margin.
    const expected = 0.75 * (0.1 + (0.9 * (171.5 - SKY_ROWS)) / (H - SKY_ROWS)) + 0.15;
    const subject = stats(depth, inside);
    expect(subject.mean).toBeCloseTo(expected, 4);
    expect(subject.std).toBeLessThan(1e-6);
    const ring = stats(depth, (x, y) => !inRect({ x0: 97, y0: 77, x1: 143, y1: 173 }, x, y) && inRect({ x0: 94, y0: 74, x1: 146, y1: 176 }, x, y));
    expect(subject.mean).toBeGreaterThan(ring.mean + 0.1);
  });

  it('steps on the mask edge, not around it', () => {
    for (const y of [90, 125, 160]) {
      const row = Array.from({ length: W }, (_, x) => at(depth, x, y));
      const mid = (row[box.x0 - 4]! + row[box.x0 + 4]!) / 2;
      const left = row.findIndex((v) => v > mid);
      const right = row.findLastIndex((v) => v > (row[box.x1 + 3]! + row[box.x1 - 4]!) / 2);
      expect(Math.abs(left - box.x0)).toBeLessThanOrEqual(1);
      expect(Math.abs(right - (box.x1 - 1))).toBeLessThanOrEqual(1);
      // Two pixels out from the edge the background is untouched by the subject.
      expect(row[box.x0 - 2]).toBeLessThan(mid - 0.1);
    }
  });

  it('puts the subject whose feet are lower in the frame nearer', () => {
    const far: Rect = { x0: 40, y0: 70, x1: 70, y1: 120 };
    const near: Rect = { x0: 160, y0: 100, x1: 200, y1: 180 };
    const two = layeredDepth({ image: landscape([far, near]), subject: mask([far, near]), faces: [] });
    expect(two.layers).toBe(2);
    expect(at(two.depth, 180, 140)).toBeGreaterThan(at(two.depth, 55, 95) + 0.1);
  });

  it('makes one layer of pieces a few pixels apart (a cup and its saucer)', () => {
    const cup: Rect = { x0: 100, y0: 90, x1: 140, y1: 130 };
    const saucer: Rect = { x0: 90, y0: 134, x1: 150, y1: 150 };
    const one = layeredDepth({ image: landscape([cup, saucer]), subject: mask([cup, saucer]), faces: [] });
    expect(one.layers).toBe(1);
    expect(at(one.depth, 120, 110)).toBe(at(one.depth, 120, 142));
  });

  it('ignores specks, unless a face is on them', () => {
    const speck: Rect = { x0: 30, y0: 150, x1: 36, y1: 156 };
    const plain = layeredDepth({ image: landscape([speck]), subject: mask([speck]), faces: [] });
    expect(plain.layers).toBe(0);
    expect(at(plain.depth, 33, 153)).toBeCloseTo(0.75 * (0.1 + (0.9 * (153.5 - SKY_ROWS)) / (H - SKY_ROWS)), 4);
    const face: FaceBox = { x: 30, y: 150, w: 6, h: 6, score: 0.9, keypoints: [] };
    expect(layeredDepth({ image: landscape([speck]), subject: mask([speck]), faces: [face] }).layers).toBe(1);
  });

  it('rounds a face slightly in front of its billboard', () => {
    const face: FaceBox = { x: 110, y: 82, w: 20, h: 20, score: 0.9, keypoints: [] };
    const withFace = layeredDepth({ image: landscape([box]), subject: mask([box]), faces: [face] }).depth;
    expect(at(withFace, 120, 92) - at(withFace, 120, 150)).toBeCloseTo(0.04, 2);
    expect(at(withFace, 120, 150)).toBeCloseTo(at(depth, 120, 150), 6);
  });

  it('wants the mask at the image size', () => {
    expect(() => layeredDepth({ image: landscape(), subject: { width: 10, height: 10, data: new Float32Array(100) }, faces: [] })).toThrow(/size/);
  });
});
