// The layered renderer in real headless Chromium (software GL, as in CI), on
// a synthetic scene with known depth (layered-scene.ts): the flat path against
// the 2D renderer, parallax of flat and sloping depths against the camera
// formula, what a shift uncovers, each effect, determinism. Pixels are read
// back and measured here, in Node; any page error or WebGL warning fails.
import { describe, expect, it } from 'vitest';
import { projectToOutput } from '../../engine/motion/camera';
import { NEUTRAL_GRADE, NO_EFFECTS, type CameraPose, type DepthScene, type Effects, type FrameSpec, type Size, type View } from '../../engine/motion/types';
import { useBundledPage } from './bundled-page';
import type { RenderJob } from './layered-page';
import { groundDepth, IMAGE, PERIOD, SQUARE } from './layered-scene';

const bundledPage = useBundledPage(new URL('./layered-page.ts', import.meta.url), 'layeredTest');

interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

async function render(job: Partial<RenderJob> & { frames: FrameSpec[] }): Promise<Image[]> {
  const full: RenderJob = { renderer: 'layered', out: IMAGE, layers: true, striped: false, sloping: false, minSourcePerOutput: 1, ...job };
  const frames = await bundledPage().evaluate((j) => (window as unknown as { layeredTest: typeof import('./layered-page') }).layeredTest.render(j), full);
  return frames.map((b64) => ({ ...full.out, data: new Uint8Array(Buffer.from(b64, 'base64')) }));
}

const FULL_VIEW: View = { cx: IMAGE.width / 2, cy: IMAGE.height / 2, w: IMAGE.width, h: IMAGE.height };
const DEPTH: DepthScene = { strength: 0.5, focusDepth: 0.5 };

function frame(shift: CameraPose['shift'], effects: Partial<Effects> = {}, time = 0, view = FULL_VIEW): FrameSpec {
  return { pose: { view, shift }, depth: DEPTH, effects: { ...NO_EFFECTS, ...effects }, time };
}

const STILL = { x: 0, y: 0, z: 0 };
const SIDEWAYS = { x: 8.3, y: 0, z: 0 };

const toLinear = (v: number) => (v <= 10.31475 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const px = (img: Image, x: number, y: number, c: number) => img.data[(y * img.width + x) * 4 + c]!;
/** How much of a pixel the red square covers: red minus green in linear light is 0 on the grey background. */
const SQUARE_CONTRAST = toLinear(230) - toLinear(40);
const cover = (img: Image, x: number, y: number) => (toLinear(px(img, x, y, 0)) - toLinear(px(img, x, y, 1))) / SQUARE_CONTRAST;

/**
 * A square edge's position along a row (or a column), from its coverage:
 * `from` is a pixel outside the square, `to` (exclusive) one inside, or the
 * other way round; the edge lies where the summed coverage says.
 */
function edgeAt(img: Image, line: number, from: number, to: number, axis: 'x' | 'y'): number {
  const at = (k: number) => (axis === 'x' ? cover(img, k, line) : cover(img, line, k));
  let sum = 0;
  const dir = Math.sign(to - from);
  for (let k = from; k !== to; k += dir) sum += at(k);
  // Entering the square (dir > 0): edge = to − covered; leaving it (dir < 0, `from` outside on the far side): edge = to + 1 + covered.
  return dir > 0 ? to - sum : to + 1 + sum;
}

const project = (pose: CameraPose, x: number, y: number, depth: number) => projectToOutput(pose, DEPTH, IMAGE, IMAGE, x, y, depth);

function meanLevel(img: Image, x0 = 0, y0 = 0, x1 = img.width, y1 = img.height): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) sum += px(img, x, y, c);
  return sum / ((x1 - x0) * (y1 - y0) * 3);
}

function maxDiff(a: Image, b: Image, x0 = 0, y0 = 0, x1 = a.width, y1 = a.height): number {
  let most = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) most = Math.max(most, Math.abs(px(a, x, y, c) - px(b, x, y, c)));
  return most;
}

function changedPixels(a: Image, b: Image, threshold: number, inside: (x: number, y: number) => boolean): number {
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!inside(x, y)) continue;
      if ([0, 1, 2].some((c) => Math.abs(px(a, x, y, c) - px(b, x, y, c)) > threshold)) n++;
    }
  }
  return n;
}

/** How far the background's stripes moved sideways in a band of rows: their phase over whole periods, from column x0 on. */
function stripesShift(img: Image, y0: number, y1: number, x0: number, periods: number): number {
  const w = (2 * Math.PI) / PERIOD;
  let a = 0;
  let b = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x0 + periods * PERIOD; x++) {
      a += px(img, x, y, 1) * Math.sin(w * (x + 0.5));
      b += px(img, x, y, 1) * Math.cos(w * (x + 0.5));
    }
  }
  return Math.atan2(-b, a) / w;
}

describe('flat path', () => {
  const cases: { name: string; out: Size; view: View; minSourcePerOutput: number }[] = [
    { name: 'magnified', out: IMAGE, view: { cx: 250.3, cy: 150.7, w: 400, h: 225 }, minSourcePerOutput: 1 },
    { name: 'minified', out: { width: 300, height: 169 }, view: FULL_VIEW, minSourcePerOutput: 1 },
    { name: 'reduced once', out: { width: 256, height: 144 }, view: { cx: 260, cy: 140, w: 480, h: 270 }, minSourcePerOutput: 1.8 },
  ];
  it.each(cases)('without a shift or effects draws what the 2D renderer draws ($name)', async ({ out, view, minSourcePerOutput }) => {
    const frames = [frame(STILL, {}, 0, view)];
    const [old] = await render({ renderer: 'gl', out, frames, minSourcePerOutput });
    const [flat] = await render({ out, frames, minSourcePerOutput, layers: false });
    const [layered] = await render({ out, frames, minSourcePerOutput });
    expect(maxDiff(flat!, old!)).toBeLessThanOrEqual(1);
    expect(maxDiff(layered!, old!)).toBeLessThanOrEqual(1);
  });
});

describe('parallax', () => {
  it('moves the near square and the far background by what the camera formula predicts', async () => {
    const [img] = await render({ frames: [frame(SIDEWAYS)] });
    const pose = { view: FULL_VIEW, shift: SIDEWAYS };
    let worst = 0;
    for (let y = 110; y < 180; y++) {
      const left = project(pose, SQUARE.x0, y + 0.5, 1).x;
      const right = project(pose, SQUARE.x1, y + 0.5, 1).x;
      worst = Math.max(worst, Math.abs(edgeAt(img!, y, Math.floor(left) - 4, Math.floor(left) + 4, 'x') - left));
      worst = Math.max(worst, Math.abs(edgeAt(img!, y, Math.floor(right) + 4, Math.floor(right) - 4, 'x') - right));
    }
    expect(worst).toBeLessThan(0.2);

    const predicted = project(pose, 100, 40, 0).x - 100;
    expect(Math.abs(stripesShift(img!, 10, 80, 32, 28) - predicted)).toBeLessThan(0.1);
  });

  it('moves a sloping ground row by row as its depth says, beside the square too', async () => {
    // (Displacements stay under half a stripe period, where the phase is unambiguous.)
    const shift = { x: 6.3, y: 3, z: 0 };
    const pose = { view: FULL_VIEW, shift };
    const [img] = await render({ sloping: true, frames: [frame(shift)] });
    let worst = 0;
    for (let y = 8; y < IMAGE.height - 8; y++) {
      // The source row that lands on this output row: its own depth sets how far it moved up.
      let source = y + 0.5;
      for (let k = 0; k < 20; k++) source = y + 0.5 - (project(pose, 0, source, groundDepth(source)).y - source);
      const predicted = project(pose, 100, source, groundDepth(source)).x - 100;
      // Eleven periods left of the square, through the edge cells up to three pixels from its edge.
      worst = Math.max(worst, Math.abs(stripesShift(img!, y, y + 1, 8, 11) - predicted));
    }
    expect(worst).toBeLessThan(0.1);
  });

  it('moves every edge as predicted under a diagonal shift with a push in', async () => {
    const shift = { x: -6, y: 4, z: 0.05 };
    const pose = { view: FULL_VIEW, shift };
    const [img] = await render({ frames: [frame(shift)] });
    const tl = project(pose, SQUARE.x0, SQUARE.y0, 1);
    const br = project(pose, SQUARE.x1, SQUARE.y1, 1);
    const errors: number[] = [];
    for (let k = Math.ceil(tl.y) + 6; k < Math.floor(br.y) - 6; k++) {
      errors.push(edgeAt(img!, k, Math.floor(tl.x) - 4, Math.floor(tl.x) + 4, 'x') - tl.x);
      errors.push(edgeAt(img!, k, Math.floor(br.x) + 4, Math.floor(br.x) - 4, 'x') - br.x);
    }
    for (let k = Math.ceil(tl.x) + 6; k < Math.floor(br.x) - 6; k++) {
      errors.push(edgeAt(img!, k, Math.floor(tl.y) - 4, Math.floor(tl.y) + 4, 'y') - tl.y);
      errors.push(edgeAt(img!, k, Math.floor(br.y) + 4, Math.floor(br.y) - 4, 'y') - br.y);
    }
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(0.2);
  });

  it('shows the background layer where the square uncovers it, not a smear of the square', async () => {
    const [img] = await render({ frames: [frame(SIDEWAYS)] });
    const pose = { view: FULL_VIEW, shift: SIDEWAYS };
    for (let y = 100; y < 188; y++) {
      const edge = project(pose, SQUARE.x1, y + 0.5, 1).x;
      // Where the background's hidden part ends: what lay under the square's right edge.
      const uncovered = project(pose, SQUARE.x1, y + 0.5, 0).x;
      expect(uncovered - edge).toBeGreaterThan(3);
      let partial = 0;
      for (let x = Math.floor(edge) - 6; x < Math.ceil(uncovered) + 6; x++) {
        const c = cover(img!, x, y);
        if (c > 0.1 && c < 0.9) partial++;
        if (x >= Math.ceil(edge) + 1) {
          // Grey, and the stripes continue where the background's own formula puts them.
          expect(Math.abs(px(img!, x, y, 0) - px(img!, x, y, 1))).toBeLessThanOrEqual(2);
          const source = x + 0.5 - (uncovered - SQUARE.x1);
          const expected = 120 + 60 * Math.sin((2 * Math.PI * source) / PERIOD);
          expect(Math.abs(px(img!, x, y, 1) - expected)).toBeLessThan(8);
        }
      }
      expect(partial).toBeLessThanOrEqual(2);
    }
  });
});

/** High-frequency energy: squared differences between neighbours along an axis, over a region, on the green channel. */
function detail(img: Image, x0: number, y0: number, x1: number, y1: number, axis: 'x' | 'y'): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const next = axis === 'x' ? px(img, x + 1, y, 1) : px(img, x, y + 1, 1);
      sum += (next - px(img, x, y, 1)) ** 2;
    }
  }
  return sum;
}

describe('effects', () => {
  it('depth of field blurs the far background and keeps the focused square sharp', async () => {
    const [sharp, blurred] = await render({ striped: true, frames: [frame(STILL), frame(STILL, { dof: { focusDepth: 1, blur: 6 } })] });
    const background = (img: Image) => detail(img, 20, 20, 490, 70, 'x');
    const square = (img: Image) => detail(img, SQUARE.x0 + 3, SQUARE.y0 + 3, SQUARE.x1 - 3, SQUARE.y1 - 4, 'y');
    expect(background(blurred!)).toBeLessThan(0.2 * background(sharp!));
    expect(square(blurred!)).toBeGreaterThan(0.98 * square(sharp!));
  });

  it('grain changes every frame and keeps the mean', async () => {
    const [clean, a, b] = await render({ frames: [frame(SIDEWAYS), frame(SIDEWAYS, { grain: 0.5 }, 0), frame(SIDEWAYS, { grain: 0.5 }, 1 / 30)] });
    expect(changedPixels(a!, b!, 0, () => true)).toBeGreaterThan(0.5 * IMAGE.width * IMAGE.height);
    expect(changedPixels(a!, clean!, 2, () => true)).toBeGreaterThan(0.3 * IMAGE.width * IMAGE.height);
    expect(Math.abs(meanLevel(a!) - meanLevel(clean!))).toBeLessThan(1);
    expect(Math.abs(meanLevel(b!) - meanLevel(clean!))).toBeLessThan(1);
  });

  it('vignette darkens the corners and leaves the centre', async () => {
    const [clean, vignetted] = await render({ frames: [frame(SIDEWAYS), frame(SIDEWAYS, { vignette: 0.8 })] });
    const { width: w, height: h } = IMAGE;
    for (const [x, y] of [
      [0, 0],
      [w - 20, 0],
      [0, h - 20],
      [w - 20, h - 20],
    ] as const) {
      expect(meanLevel(clean!, x, y, x + 20, y + 20) - meanLevel(vignetted!, x, y, x + 20, y + 20)).toBeGreaterThan(15);
    }
    expect(maxDiff(clean!, vignetted!, w / 2 - 40, h / 2 - 40, w / 2 + 40, h / 2 + 40)).toBeLessThanOrEqual(1);
  });

  it('a grade of one stop doubles linear light', async () => {
    const [clean, brighter] = await render({ frames: [frame(SIDEWAYS), frame(SIDEWAYS, { grade: { ...NEUTRAL_GRADE, exposure: 1 } })] });
    let worst = 0;
    let checked = 0;
    for (let i = 0; i < clean!.data.length; i++) {
      if (i % 4 === 3) continue;
      const before = toLinear(clean!.data[i]!);
      if (before < 0.02 || before > 0.45) continue;
      const expected = 2 * before;
      // Compare in levels: the clean frame's own rounding, doubled, is up to about one level.
      const level = 255 * (expected <= 0.0031308 ? expected * 12.92 : 1.055 * expected ** (1 / 2.4) - 0.055);
      worst = Math.max(worst, Math.abs(brighter!.data[i]! - level));
      checked++;
    }
    expect(checked).toBeGreaterThan(100_000);
    expect(worst).toBeLessThan(1.6);
  });

  it('a light sweep brightens its band and nothing far from it', async () => {
    const sweep = { position: 0.5, angle: 0, width: 0.1, strength: 0.5 };
    const [clean, swept] = await render({ frames: [frame(SIDEWAYS), frame(SIDEWAYS, { sweep })] });
    const centre = IMAGE.width / 2;
    expect(meanLevel(swept!, centre - 10, 0, centre + 10, IMAGE.height) - meanLevel(clean!, centre - 10, 0, centre + 10, IMAGE.height)).toBeGreaterThan(15);
    const far = 3 * sweep.width * Math.hypot(IMAGE.width, IMAGE.height);
    expect(maxDiff(clean!, swept!, 0, 0, Math.floor(centre - far), IMAGE.height)).toBeLessThanOrEqual(1);
    expect(maxDiff(clean!, swept!, Math.ceil(centre + far), 0, IMAGE.width, IMAGE.height)).toBeLessThanOrEqual(1);
  });

  it.each(['dust', 'bokeh'] as const)('%s particles float behind the near square, never over it', async (kind) => {
    const particles = { kind, amount: 1, seed: 7, depth: 0.5 };
    const frames = [frame(STILL), frame(STILL, { particles })];
    const [clean, withParticles] = await render({ frames });
    // Without layers nothing hides them: the same field then crosses the square.
    const [flatClean, flatParticles] = await render({ frames, layers: false });
    const inSquare = (x: number, y: number) => x >= SQUARE.x0 + 2 && x < SQUARE.x1 - 2 && y >= SQUARE.y0 + 2 && y < SQUARE.y1 - 2;
    const outside = (x: number, y: number) => x < SQUARE.x0 - 2 || x >= SQUARE.x1 + 2 || y < SQUARE.y0 - 2 || y >= SQUARE.y1 + 2;
    expect(changedPixels(clean!, withParticles!, 2, outside)).toBeGreaterThan(200);
    expect(changedPixels(flatClean!, flatParticles!, 2, inSquare)).toBeGreaterThan(20);
    expect(changedPixels(clean!, withParticles!, 1, inSquare)).toBe(0);
  });
});

it('draws the same frame to the same pixels, every time', async () => {
  const all: Partial<Effects> = {
    dof: { focusDepth: 1, blur: 5 },
    vignette: 0.5,
    grain: 0.3,
    bloom: 0.6,
    sweep: { position: 0.4, angle: 0.5, width: 0.2, strength: 0.4 },
    grade: { exposure: 0.3, contrast: 1.2, saturation: 1.1, warmth: 0.4 },
    particles: { kind: 'bokeh', amount: 0.8, seed: 11, depth: 0.4 },
  };
  const a = frame(SIDEWAYS, all, 0.5);
  const b = frame({ x: -5, y: 2, z: 0.03 }, all, 0.9);
  const [first, , again] = await render({ frames: [a, b, a] });
  const [fresh] = await render({ frames: [a] });
  expect(maxDiff(first!, again!)).toBe(0);
  expect(maxDiff(first!, fresh!)).toBe(0);
});
