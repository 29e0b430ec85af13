// The layered renderer's CPU side: the mesh grid built from the scene layers
// (which blocks are smooth, which fine cells straddle an edge, where the
// background layer must be drawn) and the choice of post effects.
import { describe, expect, it } from 'vitest';
import type { Plane } from '../../engine/analysis/types';
import { NEUTRAL_GRADE, NO_EFFECTS } from '../../engine/motion/types';
import { activeEffects, anyActive, sweepBand } from '../../engine/render/effects';
import { BLOCK, buildMeshGrid, CELL } from '../../engine/render/mesh-grid';
import type { SceneLayers } from '../../engine/scene/types';

const W = 100;
const H = 60;

function plane(value: (x: number, y: number) => number): Plane {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = value(x, y);
  return { width: W, height: H, data };
}

/**
 * A near rectangle (depth 0.9) over a far ground sloping from 0 at the top to
 * 0.3 at the bottom (steeper than a photo's: 0.06 across a cell and its ring);
 * the hole is the rectangle's inner band, the background layer has the ground
 * everywhere.
 */
const inside = (x: number, y: number) => x >= 37 && x < 61 && y >= 21 && y < 45;
const ground = (_x: number, y: number) => (0.3 * y) / H;
const layers: SceneLayers = {
  width: W,
  height: H,
  depth: plane((x, y) => (inside(x, y) ? 0.9 : ground(x, y))),
  mask: plane((x, y) => (inside(x, y) ? 1 : 0)),
  background: { colour: { width: W, height: H, data: new Uint8ClampedArray(W * H * 4) }, depth: plane(ground) },
  hole: plane((x, y) => (inside(x, y) && !inside(x - 4, y - 4) ? 1 : inside(x, y) && !inside(x + 4, y + 4) ? 1 : 0)),
};
const grid = buildMeshGrid(layers);
const stride = grid.cols + 1;
const blockCols = Math.ceil(grid.cols / BLOCK);
const blockRows = Math.ceil(grid.rows / BLOCK);

/** The blocks (as "col,row") that an index list draws: two triangles each, starting at the block's top-left fine vertex. */
function blocksOf(indices: Uint32Array): string[] {
  const blocks: string[] = [];
  for (let k = 0; k < indices.length; k += 6) {
    const v = indices[k]!;
    blocks.push(`${(v % stride) / BLOCK},${Math.floor(v / stride) / BLOCK}`);
  }
  return blocks;
}

/** Whether a fine cell's layer pixels, with two pixels around them, reach the rectangle's edge. */
function nearEdge(i: number, j: number): boolean {
  let some = false;
  let all = true;
  for (let y = Math.max(0, j * CELL - 2); y < Math.min(H, (j + 1) * CELL + 2); y++) {
    for (let x = Math.max(0, i * CELL - 2); x < Math.min(W, (i + 1) * CELL + 2); x++) {
      some ||= inside(x, y);
      all &&= inside(x, y);
    }
  }
  return some && !all;
}

describe('mesh grid', () => {
  it('covers the picture once: every block is drawn whole or as its fine cells', () => {
    expect(grid.cols).toBe(Math.ceil(W / CELL));
    expect(grid.rows).toBe(Math.ceil(H / CELL));
    const whole = new Set(blocksOf(grid.surfaceIndices));
    const split = new Set<string>();
    for (let k = 0; k < grid.cells.length; k += 2) split.add(`${Math.floor(grid.cells[k]! / BLOCK)},${Math.floor(grid.cells[k + 1]! / BLOCK)}`);
    for (let bj = 0; bj < blockRows; bj++) {
      for (let bi = 0; bi < blockCols; bi++) {
        expect(whole.has(`${bi},${bj}`) !== split.has(`${bi},${bj}`), `block ${bi},${bj}`).toBe(true);
      }
    }
    // A split block lists each of its fine cells once.
    expect(new Set(Array.from({ length: grid.cells.length / 2 }, (_, k) => `${grid.cells[2 * k]},${grid.cells[2 * k + 1]}`)).size).toBe(grid.cells.length / 2);
  });

  it('marks exactly the cells near the depth edge with their depth range, and leaves the sloping ground smooth', () => {
    for (let j = 0; j < grid.rows; j++) {
      for (let i = 0; i < grid.cols; i++) {
        const o = (j * stride + i) * 4;
        const range = [grid.vertices[o + 2]!, grid.vertices[o + 3]!];
        if (nearEdge(i, j)) {
          expect(range[1]).toBeCloseTo(0.9, 6);
          expect(range[0]).toBeLessThan(0.3);
        } else {
          expect(range).toEqual([0, 0]);
        }
      }
    }
  });

  it('tears only beside a hole: a step with nothing inpainted behind it stretches', () => {
    const unprepared = buildMeshGrid({ ...layers, hole: plane(() => 0) });
    expect(unprepared.cells.length).toBe(0);
    expect(unprepared.surfaceIndices.length).toBe(blockCols * blockRows * 6);
  });

  it('gives each vertex, for both layers, the depth that bilinear sampling has at its corner', () => {
    const fg = (x: number, y: number) => (inside(x, y) ? 0.9 : ground(x, y));
    /** The mean of the (up to four) pixels that meet at a pixel corner, clamped at the picture's edge. */
    const corner = (f: (x: number, y: number) => number, x: number, y: number) => {
      const xs = [Math.max(0, x - 1), Math.min(W - 1, x)];
      const ys = [Math.max(0, y - 1), Math.min(H - 1, y)];
      return xs.reduce((sum, px) => sum + ys.reduce((s2, py) => s2 + f(px, py), 0), 0) / 4;
    };
    let interior = 0;
    for (let j = 0; j <= grid.rows; j++) {
      for (let i = 0; i <= grid.cols; i++) {
        const x = Math.min(i * CELL, W);
        const y = Math.min(j * CELL, H);
        const o = (j * stride + i) * 4;
        expect(grid.vertices[o]).toBeCloseTo(corner(fg, x, y), 6);
        expect(grid.vertices[o + 1]).toBeCloseTo(corner(ground, x, y), 6);
        if (grid.vertices[o] === Math.fround(0.9)) interior++;
      }
    }
    expect(interior).toBeGreaterThan(0);
  });

  it('draws the background only where it can show: the border, edges, and behind the near rectangle', () => {
    const drawn = new Set(blocksOf(grid.backgroundIndices));
    const size = BLOCK * CELL;
    for (let bj = 0; bj < blockRows; bj++) {
      for (let bi = 0; bi < blockCols; bi++) {
        const border = bi === 0 || bj === 0 || bi === blockCols - 1 || bj === blockRows - 1;
        // The block's pixels with a two-pixel ring: does the rectangle (where the layers' depths part) reach them?
        let reaches = false;
        for (let y = Math.max(0, bj * size - 2); y < Math.min(H, (bj + 1) * size + 2); y++) {
          for (let x = Math.max(0, bi * size - 2); x < Math.min(W, (bi + 1) * size + 2); x++) reaches ||= inside(x, y);
        }
        expect(drawn.has(`${bi},${bj}`), `block ${bi},${bj}`).toBe(border || reaches);
      }
    }
  });
});

describe('post effects', () => {
  it('are all off for no effects, and depth of field needs depth', () => {
    expect(anyActive(activeEffects(NO_EFFECTS, true))).toBe(false);
    const dof = { ...NO_EFFECTS, dof: { focusDepth: 0.5, blur: 4 } };
    expect(activeEffects(dof, true).dof).toBe(true);
    expect(anyActive(activeEffects(dof, false))).toBe(false);
    expect(activeEffects({ ...NO_EFFECTS, grade: { ...NEUTRAL_GRADE, warmth: 0.1 } }, false)).toMatchObject({ grade: true, grain: false });
    expect(activeEffects({ ...NO_EFFECTS, particles: { kind: 'dust', amount: 0, seed: 1, depth: 0.5 } }, true).particles).toBe(false);
  });

  it('place the sweep band from the first corner to the last along its direction', () => {
    const out = { width: 200, height: 100 };
    const sweep = { position: 0, angle: 0, width: 0.1, strength: 1 };
    expect(sweepBand(sweep, out)).toEqual([1, 0, 0, 0.1 * Math.hypot(200, 100)]);
    expect(sweepBand({ ...sweep, position: 1 }, out)[2]).toBeCloseTo(200, 9);
    // Travelling up (angle −90°, y grows downwards): it starts at the bottom edge, y = 100, where y·(−1) is least.
    const [dx, dy, centre] = sweepBand({ ...sweep, angle: -Math.PI / 2 }, out);
    expect(dx).toBeCloseTo(0, 9);
    expect(dy).toBeCloseTo(-1, 9);
    expect(centre).toBeCloseTo(-100, 9);
  });
});
