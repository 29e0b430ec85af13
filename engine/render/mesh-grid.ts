// The layered renderer's mesh over the scene layers, built once per picture on
// the CPU. Two levels: coarse blocks where depth is smooth (big triangles, so
// software GL shades few wasted pixels), and fine cells inside the blocks that
// hold a depth edge, where the GPU decides per pose whether to draw a cell as
// one quad or, across an edge that the camera pulls apart, per surface.
import type { Plane } from '../analysis/types';
import { HOLE_STEP } from '../scene/background';
import type { SceneLayers } from '../scene/types';

/** Layer pixels per fine cell: edges are resolved per fragment within it, and software GL wastes most of its work on triangles of a few pixels (it shades 2×2 blocks). */
export const CELL = 8;
/** Fine cells per block side: smooth depth warps almost linearly over a block. */
export const BLOCK = 4;
/** Pixels around a cell that its depth range covers: the edge draw reads depth up to two pixels outside the cell. */
const RING = 2;

export interface MeshGrid {
  /** Fine cells per row and column. */
  cols: number;
  rows: number;
  /** Per fine vertex ((cols + 1) × (rows + 1), row-major), RGBA: foreground depth, background depth, and for the cell whose top-left corner it is, its least and greatest depth if it holds an edge, else 0, 0. */
  vertices: Float32Array;
  /** Two triangles per block where the background can show (indices of fine vertices): the border ring, blocks with edges, and blocks where it lies deeper than the photo (behind subjects). Elsewhere the photo always covers it. */
  backgroundIndices: Uint32Array<ArrayBuffer>;
  /** Two triangles per block without edges. */
  surfaceIndices: Uint32Array<ArrayBuffer>;
  /** The fine cells of the blocks with edges, as (col, row) pairs. */
  cells: Uint16Array<ArrayBuffer>;
}

/** Depth at a pixel corner: the mean of the pixels that meet there (what bilinear sampling gives at that point). */
function cornerDepth(p: Plane, x: number, y: number): number {
  const x0 = Math.max(0, x - 1);
  const x1 = Math.min(p.width - 1, x);
  const y0 = Math.max(0, y - 1);
  const y1 = Math.min(p.height - 1, y);
  const d = p.data;
  return (d[y0 * p.width + x0]! + d[y0 * p.width + x1]! + d[y1 * p.width + x0]! + d[y1 * p.width + x1]!) / 4;
}

/**
 * Over a cell and its ring: the least and greatest depth, whether it touches
 * the hole (where the background is inpainted), and whether the background's
 * depth differs from the photo's (the two layers part).
 */
function cellStats(layers: SceneLayers, x: number, y: number): { lo: number; hi: number; hole: boolean; parted: boolean } {
  const { width, height, depth, background } = layers;
  let lo = Infinity;
  let hi = -Infinity;
  let hole = false;
  let parted = false;
  for (let py = Math.max(0, y - RING); py < Math.min(height, y + CELL + RING); py++) {
    for (let px = Math.max(0, x - RING); px < Math.min(width, x + CELL + RING); px++) {
      const k = py * width + px;
      const d = depth.data[k]!;
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
      hole ||= layers.hole.data[k]! > 0.5;
      parted ||= Math.abs(d - background.depth.data[k]!) > 1e-3;
    }
  }
  return { lo, hi, hole, parted };
}

/**
 * Whether the mesh may tear at a cell: depth spans more than HOLE_STEP there
 * and the hole is beside it. The preparation marks a hole only behind such a
 * step, never along a slope, so whatever a tear uncovers is inpainted
 * background; smaller steps stretch, as it expects.
 */
function tears(stats: { lo: number; hi: number; hole: boolean }): boolean {
  return stats.hole && stats.hi - stats.lo > HOLE_STEP;
}

export function buildMeshGrid(layers: SceneLayers): MeshGrid {
  const { width, height, depth } = layers;
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const stride = cols + 1;
  const vertices = new Float32Array(stride * (rows + 1) * 4);
  const blockCols = Math.ceil(cols / BLOCK);
  const blockRows = Math.ceil(rows / BLOCK);
  const busy = new Uint8Array(blockCols * blockRows);
  const behind = new Uint8Array(blockCols * blockRows);
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= cols; i++) {
      const o = (j * stride + i) * 4;
      const x = Math.min(i * CELL, width);
      const y = Math.min(j * CELL, height);
      vertices[o] = cornerDepth(depth, x, y);
      vertices[o + 1] = cornerDepth(layers.background.depth, x, y);
      if (i === cols || j === rows) continue;
      const block = Math.floor(j / BLOCK) * blockCols + Math.floor(i / BLOCK);
      const stats = cellStats(layers, x, y);
      if (stats.parted) behind[block] = 1;
      if (tears(stats)) {
        vertices[o + 2] = stats.lo;
        vertices[o + 3] = stats.hi;
        busy[block] = 1;
      }
    }
  }
  const background: number[] = [];
  const surface: number[] = [];
  const cells: number[] = [];
  for (let bj = 0; bj < blockRows; bj++) {
    for (let bi = 0; bi < blockCols; bi++) {
      const i0 = bi * BLOCK;
      const j0 = bj * BLOCK;
      const i1 = Math.min(i0 + BLOCK, cols);
      const j1 = Math.min(j0 + BLOCK, rows);
      const [a, b, c, d] = [j0 * stride + i0, j0 * stride + i1, j1 * stride + i0, j1 * stride + i1];
      const border = bi === 0 || bj === 0 || bi === blockCols - 1 || bj === blockRows - 1;
      if (border || busy[bj * blockCols + bi] || behind[bj * blockCols + bi]) background.push(a, b, d, a, c, d);
      if (!busy[bj * blockCols + bi]) {
        surface.push(a, b, d, a, c, d);
        continue;
      }
      for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) cells.push(i, j);
    }
  }
  return {
    cols,
    rows,
    vertices,
    backgroundIndices: Uint32Array.from(background),
    surfaceIndices: Uint32Array.from(surface),
    cells: Uint16Array.from(cells),
  };
}
