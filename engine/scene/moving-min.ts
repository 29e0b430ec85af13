// Moving minimum and maximum over square windows (grey-scale erosion and
// dilation) by van Herk and Gil-Werman's algorithm: per axis, running minima
// forwards and backwards within blocks of the window's size, so each pixel
// costs three comparisons whatever the radius. Padded index p holds element
// p - r of a line (outside it, +Infinity, which never wins); the window
// [p, p + 2r] then spans the tail of one block and the head of the next.
import type { Plane } from '../analysis/types';

/** Columns per strip of the vertical pass: a strip's running minima stay in cache. */
const STRIP = 64;

/** Padded line length: whole blocks of 2r + 1 covering the line and r on each side. */
const paddedLength = (length: number, r: number) => Math.ceil((length + 2 * r) / (2 * r + 1)) * (2 * r + 1);

function minRows(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const k = 2 * r + 1;
  const m = paddedLength(width, r);
  const padded = new Float32Array(m).fill(Infinity);
  const forward = new Float32Array(m);
  const backward = new Float32Array(m);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    padded.set(src.subarray(o, o + width), r);
    for (let block = 0; block < m; block += k) {
      forward[block] = padded[block]!;
      for (let p = block + 1; p < block + k; p++) forward[p] = Math.min(forward[p - 1]!, padded[p]!);
      backward[block + k - 1] = padded[block + k - 1]!;
      for (let p = block + k - 2; p >= block; p--) backward[p] = Math.min(backward[p + 1]!, padded[p]!);
    }
    for (let x = 0; x < width; x++) dst[o + x] = Math.min(backward[x]!, forward[x + 2 * r]!);
  }
}

/** The same along columns, a strip of neighbouring columns at a time so every read is a short run of a row. */
function minColumns(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const k = 2 * r + 1;
  const m = paddedLength(height, r);
  const padded = new Float32Array(m * STRIP);
  const forward = new Float32Array(m * STRIP);
  const backward = new Float32Array(m * STRIP);
  for (let x0 = 0; x0 < width; x0 += STRIP) {
    const s = Math.min(STRIP, width - x0);
    padded.fill(Infinity);
    for (let y = 0; y < height; y++) padded.set(src.subarray(y * width + x0, y * width + x0 + s), (y + r) * s);
    for (let block = 0; block < m; block += k) {
      const last = block + k - 1;
      for (let j = 0; j < s; j++) {
        forward[block * s + j] = padded[block * s + j]!;
        backward[last * s + j] = padded[last * s + j]!;
      }
      for (let i = (block + 1) * s; i < (last + 1) * s; i++) forward[i] = Math.min(forward[i - s]!, padded[i]!);
      for (let i = last * s - 1; i >= block * s; i--) backward[i] = Math.min(backward[i + s]!, padded[i]!);
    }
    const ahead = 2 * r * s;
    for (let y = 0; y < height; y++) {
      for (let j = 0, i = y * s; j < s; j++, i++) dst[y * width + x0 + j] = Math.min(backward[i]!, forward[i + ahead]!);
    }
  }
}

/** The minimum over the (2r+1)² window around each pixel, the window clipped to the plane; into `dst` (which may be the plane's own data). */
export function movingMin(plane: Plane, r: number, dst: Float32Array = new Float32Array(plane.data.length)): Plane {
  const { width, height } = plane;
  minRows(plane.data, dst, width, height, r);
  minColumns(dst, dst, width, height, r);
  return { width, height, data: dst };
}

/** The maximum over the (2r+1)² window around each pixel, the window clipped to the plane; into `dst` (which may be the plane's own data). */
export function movingMax(plane: Plane, r: number, dst: Float32Array = new Float32Array(plane.data.length)): Plane {
  for (let i = 0; i < dst.length; i++) dst[i] = -plane.data[i]!;
  const max = movingMin({ width: plane.width, height: plane.height, data: dst }, r, dst);
  for (let i = 0; i < dst.length; i++) dst[i] = -dst[i]!;
  return max;
}
