import { describe, expect, it } from 'vitest';
import { centrePrior, colourContrast, focusCue, saliency, sharpness, subjectFromSaliency } from '../../engine/analysis/saliency';
import type { Plane, RgbaImage } from '../../engine/analysis/types';

type Rgb = [number, number, number];

function image(w: number, h: number, colour: (x: number, y: number) => Rgb): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data.set([...colour(x, y), 255], 4 * (y * w + x));
  return { width: w, height: h, data };
}

/** Deterministic noise in 0..1 (a fixed LCG), so the tests never flake. */
function noise(seed = 1): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function at(p: Plane, x: number, y: number): number {
  return p.data[y * p.width + x]!;
}

/** Mean of `p` over the pixels where `where` holds. */
function meanWhere(p: Plane, where: (x: number, y: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) if (where(x, y)) { s += at(p, x, y); n++; }
  return s / n;
}

const inDisc = (cx: number, cy: number, r: number) => (x: number, y: number) => (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;

/** A sharp 2-px checkerboard patch (x, y in 48..80) on a heavily blurred noise background, 128². */
function shallowFocus(): RgbaImage {
  const rand = noise(7);
  const w = 128;
  let bg = Float32Array.from({ length: w * w }, () => rand());
  for (let pass = 0; pass < 4; pass++) {
    const next = new Float32Array(bg.length);
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) {
        let s = 0;
        let n = 0;
        for (let j = Math.max(0, y - 3); j <= Math.min(w - 1, y + 3); j++)
          for (let i = Math.max(0, x - 3); i <= Math.min(w - 1, x + 3); i++, n++) s += bg[j * w + i]!;
        next[y * w + x] = s / n;
      }
    bg = next;
  }
  return image(w, w, (x, y) => {
    if (x >= 48 && x < 80 && y >= 48 && y < 80) return ((x >> 1) + (y >> 1)) % 2 ? [230, 230, 230] : [30, 30, 30];
    const v = 60 + 600 * (bg[y * w + x]! - 0.5);
    return [v, v, v];
  });
}

const redDisc = image(128, 128, (x, y) => (inDisc(80, 48, 20)(x, y) ? [220, 30, 30] : [128, 128, 128]));

describe('colourContrast', () => {
  it('is high on a red disc and low on the grey field around it', () => {
    const c = colourContrast(redDisc);
    expect(meanWhere(c, inDisc(80, 48, 17))).toBeGreaterThan(0.95);
    expect(meanWhere(c, (x, y) => !inDisc(80, 48, 23)(x, y))).toBeLessThan(0.15);
  });

  it('measures distance from the mean colour in CIE Lab (D65)', () => {
    // Thirds of pure sRGB red, green and blue; their Lab coordinates are textbook values.
    const lab: Rgb[] = [[53.2408, 80.0925, 67.2032], [87.7347, -86.1827, 83.1793], [32.297, 79.1875, -107.8602]];
    const mean = [0, 1, 2].map((k) => (lab[0]![k]! + lab[1]![k]! + lab[2]![k]!) / 3);
    const dist = lab.map((c) => Math.hypot(c[0] - mean[0]!, c[1] - mean[1]!, c[2] - mean[2]!));
    const expected = dist.map((d) => d / Math.max(...dist));
    const c = colourContrast(image(90, 10, (x) => (x < 30 ? [255, 0, 0] : x < 60 ? [0, 255, 0] : [0, 0, 255])));
    [15, 45, 75].forEach((x, k) => expect(at(c, x, 5)).toBeCloseTo(expected[k]!, 3));
  });
});

describe('sharpness and focusCue', () => {
  it('is high on an in-focus patch and low on the defocused background', () => {
    const s = sharpness(shallowFocus());
    expect(meanWhere(s, (x, y) => x >= 52 && x < 76 && y >= 52 && y < 76)).toBeGreaterThan(0.8);
    expect(meanWhere(s, (x, y) => x < 30 || x >= 100 || y < 30 || y >= 100)).toBeLessThan(0.1);
  });

  it('offers sharpness only for a shallow depth of field', () => {
    const rand = noise(3);
    const allSharp = image(128, 128, () => [rand() * 255, rand() * 255, rand() * 255]);
    expect(focusCue(shallowFocus())).not.toBeNull();
    expect(focusCue(allSharp)).toBeNull();
    expect(focusCue(redDisc)).toBeNull();
  });
});

describe('centrePrior', () => {
  it('is a Gaussian of σ = 0.3 of each side around the centre', () => {
    const p = centrePrior(101, 51);
    expect(at(p, 50, 25)).toBeCloseTo(1, 6);
    // Pixel 75's centre lies 75.5 / 101 - ½ of the width right of the centre.
    expect(at(p, 75, 25)).toBeCloseTo(Math.exp(-0.5 * ((75.5 / 101 - 0.5) / 0.3) ** 2), 6);
    expect(at(p, 0, 0)).toBeCloseTo(at(p, 100, 50), 6);
  });
});

describe('saliency', () => {
  it('peaks on the colour subject', () => {
    const s = saliency(redDisc);
    expect(meanWhere(s, inDisc(80, 48, 17))).toBeGreaterThan(0.8);
    expect(meanWhere(s, (x, y) => !inDisc(80, 48, 23)(x, y))).toBeLessThan(0.15);
  });

  it('finds the in-focus subject of a grey shallow-focus photo through sharpness', () => {
    const s = saliency(shallowFocus());
    const patch = meanWhere(s, (x, y) => x >= 52 && x < 76 && y >= 52 && y < 76);
    expect(patch).toBeGreaterThan(3 * meanWhere(s, (x, y) => x < 30 || x >= 100 || y < 30 || y >= 100));
  });
});

describe('subjectFromSaliency', () => {
  const w = 128;
  const disc = inDisc(64, 60, 25);

  function iou(mask: Plane, truth: (x: number, y: number) => boolean): number {
    let both = 0;
    let either = 0;
    for (let y = 0; y < w; y++)
      for (let x = 0; x < w; x++) {
        const m = at(mask, x, y) >= 0.5;
        const t = truth(x, y);
        if (m && t) both++;
        if (m || t) either++;
      }
    return both / either;
  }

  it('keeps the disc and drops the specks', () => {
    const rand = noise(11);
    const data = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data[y * w + x] = disc(x, y) ? 0.7 + 0.2 * rand() : 0.1 * rand();
    for (let k = 0; k < 40; k++) data[Math.floor(rand() * w * w)] = 1;
    for (let y = 5; y < 8; y++) for (let x = 110; x < 113; x++) data[y * w + x] = 0.95;
    const mask = subjectFromSaliency({ width: w, height: w, data });
    expect(iou(mask, disc)).toBeGreaterThan(0.9);
    expect(meanWhere(mask, (x, y) => !inDisc(64, 60, 28)(x, y))).toBe(0);
    expect(Math.min(...mask.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...mask.data)).toBeLessThanOrEqual(1);
  });

  it('fills holes and softens the edge by about a pixel', () => {
    const data = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data[y * w + x] = disc(x, y) && !inDisc(64, 60, 8)(x, y) ? 1 : 0;
    const mask = subjectFromSaliency({ width: w, height: w, data });
    expect(at(mask, 64, 60)).toBe(1);
    expect(iou(mask, disc)).toBeGreaterThan(0.95);
    const edge = Array.from({ length: 12 }, (_, i) => at(mask, 84 + i, 60)).filter((v) => v > 0 && v < 1);
    expect(edge.length).toBeGreaterThanOrEqual(1);
    expect(edge.length).toBeLessThanOrEqual(3);
  });

  it('keeps two subjects of similar weight', () => {
    const a = inDisc(30, 30, 12);
    const b = inDisc(90, 90, 14);
    const data = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data[y * w + x] = a(x, y) ? 0.9 : b(x, y) ? 0.8 : 0;
    const mask = subjectFromSaliency({ width: w, height: w, data });
    expect(iou(mask, (x, y) => a(x, y) || b(x, y))).toBeGreaterThan(0.9);
  });

  it('drops a strong region spread along two image edges (scenery), keeps one cut by a single edge', () => {
    const corner = (x: number, y: number) => x < 30 && y < 30;
    const cropped = (x: number, y: number) => x >= 90 && x < 120 && y >= 100;
    const data = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data[y * w + x] = disc(x, y) ? 1 : corner(x, y) || cropped(x, y) ? 0.9 : 0;
    const mask = subjectFromSaliency({ width: w, height: w, data });
    expect(meanWhere(mask, (x, y) => x < 28 && y < 28)).toBe(0);
    expect(iou(mask, (x, y) => disc(x, y) || cropped(x, y))).toBeGreaterThan(0.9);
  });

  it('is empty for an empty map', () => {
    expect(Math.max(...subjectFromSaliency({ width: 8, height: 8, data: new Float32Array(64) }).data)).toBe(0);
  });
});
