import { describe, expect, it } from 'vitest';
import type { Plane, RgbaImage } from '../../engine/analysis/types';
import { MAX_PARALLAX, NO_EFFECTS, type FrameSpec } from '../../engine/motion/types';
import { bandRadius, HOLE_STEP, prepareScene } from '../../engine/scene/background';
import { stretchedShare } from '../../engine/scene/stretch';

const W = 240;
const H = 160;
/** The near square: columns 70..169, rows 35..124; its centre is more than three bands from its edge. */
const SQUARE = { x0: 70, x1: 170, y0: 35, y1: 125 };
const SUBJECT = [220, 30, 30];
const band = bandRadius(W, H);

/** A textured far background: a colour ramp with deterministic grain, so copying it from elsewhere shows. */
function backgroundColour(x: number, y: number): number[] {
  const grain = ((x * 73 + y * 151) % 17) - 8;
  return [60 + x / 4 + grain, 90 + y / 3 + grain, 140 - grain];
}

/** Chebyshev distance from a pixel inside the square to the nearest pixel outside it (0 outside). */
function inside(x: number, y: number): number {
  const { x0, x1, y0, y1 } = SQUARE;
  return Math.max(0, Math.min(x - x0 + 1, x1 - x, y - y0 + 1, y1 - y));
}

interface Scene {
  pixels: RgbaImage;
  depth: Plane;
  mask: Plane;
  truth: (x: number, y: number) => number[];
}

/**
 * A near square (depth `near`) on a far background whose depth recedes upwards
 * by `ground` over the picture. `edge` softens the depth step over that many
 * pixels outwards (a depth model's edge); the mask and colour blend over the
 * square's border pixel and `matte` pixels outside it (a soft matte).
 */
function scene(ground: number, edge = 0, near = 0.9, matte = 1): Scene {
  const rgba = new Uint8ClampedArray(W * H * 4);
  const depth = new Float32Array(W * H);
  const mask = new Float32Array(W * H);
  const far = (y: number) => 0.2 + (ground * y) / H;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const { x0, x1, y0, y1 } = SQUARE;
      const out = Math.max(x0 - x, x - (x1 - 1), y0 - y, y - (y1 - 1), 0);
      const a = inside(x, y) > 1 ? 1 : inside(x, y) === 1 ? 0.7 : out > 0 && out <= matte ? 0.3 * (1 - (out - 1) / matte) : 0;
      mask[i] = a;
      const t = inside(x, y) > 0 ? 1 : edge > 0 ? Math.max(0, 1 - out / (edge + 1)) : 0;
      depth[i] = far(y) + t * (near - far(y));
      const bg = backgroundColour(x, y);
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = a * SUBJECT[c]! + (1 - a) * bg[c]!;
      rgba[i * 4 + 3] = 255;
    }
  }
  return {
    pixels: { width: W, height: H, data: rgba },
    depth: { width: W, height: H, data: depth },
    mask: { width: W, height: H, data: mask },
    truth: backgroundColour,
  };
}

const at = (plane: Plane, x: number, y: number) => plane.data[y * W + x]!;
const colourAt = (img: RgbaImage, x: number, y: number) => [0, 1, 2].map((c) => img.data[(y * W + x) * 4 + c]!);
const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
/** The pixels where `test` holds, as "x,y". */
function pixels(test: (x: number, y: number) => boolean): string[] {
  const found: string[] = [];
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (test(x, y)) found.push(`${x},${y}`);
  return found;
}

describe('prepareScene', () => {
  const flat = scene(0.1);
  const layers = prepareScene(flat.pixels, { depth: flat.depth, mask: flat.mask });

  it('returns every layer at the picture size, with no NaN, passing depth and mask through', () => {
    expect([layers.width, layers.height]).toEqual([W, H]);
    expect(layers.depth).toBe(flat.depth);
    expect(layers.mask).toBe(flat.mask);
    expect(layers.background.colour).toMatchObject({ width: W, height: H });
    expect(layers.background.colour.data).toHaveLength(W * H * 4);
    for (const plane of [layers.hole, layers.background.depth]) {
      expect(plane).toMatchObject({ width: W, height: H });
      expect(plane.data).toHaveLength(W * H);
      expect(plane.data.every((v) => Number.isFinite(v))).toBe(true);
    }
    expect(layers.background.colour.data.every((v, i) => i % 4 !== 3 || v === 255)).toBe(true);
  });

  it("marks exactly the square's border band (one band radius deep) as the hole, and none of the far background", () => {
    expect(band).toBe(12);
    const wrong = pixels((x, y) => at(layers.hole, x, y) !== (inside(x, y) > 0 && inside(x, y) <= band ? 1 : 0));
    expect(wrong).toEqual([]);
  });

  it('gives the hole the far side’s depth and eases back to the subject’s without a step', () => {
    const bg = layers.background.depth;
    const far = (y: number) => 0.2 + (0.1 * y) / H;
    expect(pixels((x, y) => at(layers.hole, x, y) === 1 && Math.abs(at(bg, x, y) - far(y)) > 0.01)).toEqual([]);
    // Outside, the picture's depth: exactly where the fill's sources are, within a smoothing of it elsewhere.
    expect(pixels((x, y) => inside(x, y) === 0 && Math.abs(at(bg, x, y) - at(flat.depth, x, y)) > 0.01)).toEqual([]);
    expect(at(bg, 10, 10)).toBe(at(flat.depth, 10, 10));
    // The picture's depth steps by 0.7 at the square's edge; the background's never by more than a small slope.
    let steepest = 0;
    for (let y = 0; y < H - 1; y++) {
      for (let x = 0; x < W - 1; x++) {
        steepest = Math.max(steepest, Math.abs(at(bg, x + 1, y) - at(bg, x, y)), Math.abs(at(bg, x, y + 1) - at(bg, x, y)));
      }
    }
    expect(steepest).toBeLessThan(0.7 / band);
    expect(at(bg, 120, 80)).toBeCloseTo(0.9, 5);
    // Halfway from the hole to the centre, halfway back.
    expect(at(bg, 120, SQUARE.y0 + 2 * band)).toBeGreaterThan(0.4);
    expect(at(bg, 120, SQUARE.y0 + 2 * band)).toBeLessThan(0.7);
  });

  it('gives a background that no move within MAX_PARALLAX stretches (not even 1.5×), where the picture’s depth tears', () => {
    // Focused on the square (q = 1), the far side (depth ~0.2, q = 0.44) moves 0.56 s: MAX_PARALLAX of the width at s = 17.
    const s = (MAX_PARALLAX * W) / 0.56;
    const view = { cx: W / 2, cy: H / 2, w: W, h: H };
    for (const shift of [{ x: s, y: 0, z: 0 }, { x: -s, y: 0, z: 0 }, { x: 0, y: s, z: 0 }, { x: 0, y: 0, z: 0.2 }]) {
      const f: FrameSpec = { pose: { view, shift }, depth: { strength: 0.8, focusDepth: 0.9 }, effects: NO_EFFECTS, time: 0 };
      expect(stretchedShare(layers.background.depth, f, { width: W, height: H }, { width: W, height: H }, 1.5)).toBe(0);
      if (shift.z === 0) expect(stretchedShare(flat.depth, f, { width: W, height: H }, { width: W, height: H })).toBeGreaterThan(0.01);
    }
  });

  it("fills the hole with the background's colour and grain, not the subject's", () => {
    let error = 0;
    const hole = pixels((x, y) => at(layers.hole, x, y) === 1);
    const subjectLike = pixels((x, y) => {
      if (at(layers.hole, x, y) !== 1) return false;
      const fill = colourAt(layers.background.colour, x, y);
      error += distance(fill, flat.truth(x, y));
      // Nearer the subject's colour than the truth, or the soft matte's red bleeding in.
      return distance(fill, flat.truth(x, y)) >= distance(fill, SUBJECT) || fill[0]! - flat.truth(x, y)[0]! > 40;
    });
    expect(subjectLike).toEqual([]);
    expect(error / hole.length).toBeLessThan(20);
    // Outside the hole the picture is untouched.
    expect(colourAt(layers.background.colour, 10, 10)).toEqual(colourAt(flat.pixels, 10, 10));
    expect(colourAt(layers.background.colour, 120, 80)).toEqual(SUBJECT);
  });

  it('keeps a matte that reaches beyond the depth step out of the fill', () => {
    // Subject colour fading over 6 px outside the square, past the ring the depth step alone would exclude.
    const wide = scene(0.1, 0, 0.9, 6);
    const matted = prepareScene(wide.pixels, { depth: wide.depth, mask: wide.mask });
    let redExcess = 0;
    const hole = pixels((x, y) => {
      if (at(matted.hole, x, y) !== 1) return false;
      redExcess += colourAt(matted.background.colour, x, y)[0]! - wide.truth(x, y)[0]!;
      return true;
    });
    expect(redExcess / hole.length).toBeLessThan(3);
  });

  it('continues the grain into the hole: neighbouring filled pixels differ about as much as the background’s do', () => {
    let fill = 0;
    let truth = 0;
    for (let y = SQUARE.y0 + 2; y < SQUARE.y0 + band; y++) {
      for (let x = SQUARE.x0 + 20; x < SQUARE.x1 - 20; x++) {
        fill += Math.abs(colourAt(layers.background.colour, x + 1, y)[2]! - colourAt(layers.background.colour, x, y)[2]!);
        truth += Math.abs(flat.truth(x + 1, y)[2]! - flat.truth(x, y)[2]!);
      }
    }
    expect(fill / truth).toBeGreaterThan(0.5);
    expect(fill / truth).toBeLessThan(1.5);
  });

  it("finds a weaker soft step's ramp: slopes this short are an edge, not ground", () => {
    // 0.25 over a 3 px ramp: steeper than the slope cap, so only a flat pixel within the slope radius
    // (ceil(240 / 256) + 1 = 2 px) tells the ramp's top from a ground plane.
    const soft = scene(0.1, 2, 0.5);
    const ramp = prepareScene(soft.pixels, { depth: soft.depth, mask: soft.mask });
    expect([at(ramp.hole, SQUARE.x0 - 1, 80), at(ramp.hole, SQUARE.x0, 80)]).toEqual([1, 1]);
  });

  it('leaves a picture with flat depth as it is: no hole, the same colour and depth', () => {
    const s = scene(0);
    const depth = { width: W, height: H, data: new Float32Array(W * H).fill(0.5) };
    const flatLayers = prepareScene(s.pixels, { depth, mask: s.mask });
    expect(flatLayers.hole.data.every((v) => v === 0)).toBe(true);
    expect(flatLayers.background.colour.data.every((v, i) => v === s.pixels.data[i])).toBe(true);
    expect(flatLayers.background.depth.data.every((v, i) => v === depth.data[i])).toBe(true);
  });

  it('treats a steeply receding ground as no edge, yet still finds the square on it', () => {
    // 0.6 over 160 rows: the window's minimum lies 12 * 0.6 / 160 = 0.045 below, more than HOLE_STEP.
    expect((band * 0.6) / H).toBeGreaterThan(HOLE_STEP);
    const steep = scene(0.6);
    const sloped = prepareScene(steep.pixels, { depth: steep.depth, mask: steep.mask });
    // The ground within the slope radius (ceil(240 / 256) + 1 = 2 px) of the square sees its flat side and may
    // join the hole (harmless: the ground never tears from the square's far side); beyond, none does.
    const beside = (x: number, y: number) => Math.max(SQUARE.x0 - x, x - SQUARE.x1 + 1, SQUARE.y0 - y, y - SQUARE.y1 + 1) <= 2;
    expect(pixels((x, y) => inside(x, y) === 0 && !beside(x, y) && at(sloped.hole, x, y) !== 0)).toEqual([]);
    expect(pixels((x, y) => inside(x, y) > 0 && inside(x, y) <= band && at(sloped.hole, x, y) !== 1)).toEqual([]);
    // The hole's background depth continues the ground beside it.
    const ground = (y: number) => 0.2 + (0.6 * y) / H;
    expect(pixels((x, y) => at(sloped.hole, x, y) === 1 && Math.abs(at(sloped.background.depth, x, y) - ground(y)) > 0.05)).toEqual([]);
  });

  it("finds a depth model's soft edge: the near side of a ramp is hole, the ramp's far foot is not", () => {
    const soft = scene(0.1, 6);
    const ramp = prepareScene(soft.pixels, { depth: soft.depth, mask: soft.mask });
    expect(pixels((x, y) => inside(x, y) > 0 && inside(x, y) <= band - 6 && at(ramp.hole, x, y) !== 1)).toEqual([]);
    // The ramp's top two pixels are near side too.
    expect([at(ramp.hole, SQUARE.x0 - 1, 80), at(ramp.hole, SQUARE.x0 - 2, 80)]).toEqual([1, 1]);
    // Seven pixels out the ramp has reached the far depth.
    expect(at(ramp.hole, SQUARE.x0 - 7, 80)).toBe(0);
    expect(at(ramp.hole, 10, 10)).toBe(0);
  });
});
