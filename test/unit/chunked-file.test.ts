import { describe, expect, it } from 'vitest';
import { ChunkedFile } from '../../engine/encode/chunked-file';

const MiB = 1 << 20;

/** Deterministic bytes: a small LCG, so a failure reproduces. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) out[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

/** Byte-for-byte equality (toEqual walks megabytes element by element). */
const same = (a: Uint8Array, b: Uint8Array) => expect(a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))).toBe(true);

describe('ChunkedFile', () => {
  it('reads back what was appended, across chunk boundaries', () => {
    const file = new ChunkedFile();
    const parts = [bytes(10, 1), bytes(MiB - 3, 2), bytes(2 * MiB + 7, 3), bytes(1, 4)];
    let at = 0;
    for (const part of parts) at += file.write(part, at);
    expect(file.size).toBe(at);
    same(file.bytes(), Buffer.concat(parts));
  });

  it('overwrites in place and reads any range, as ffmpeg does when it moves the index to the front', () => {
    const file = new ChunkedFile();
    const reference = bytes(3 * MiB + 100, 5);
    file.write(reference, 0);
    const patch = bytes(MiB + 50, 6);
    file.write(patch, MiB - 20);
    reference.set(patch, MiB - 20);
    expect(file.size).toBe(reference.length);
    for (const [from, n] of [[0, 5], [MiB - 30, 40], [2 * MiB + 5, MiB], [3 * MiB + 90, 50]] as const) {
      const into = new Uint8Array(n);
      const got = file.read(into, from);
      expect(got).toBe(Math.min(n, reference.length - from));
      same(into.subarray(0, got), reference.subarray(from, from + got));
    }
    expect(file.read(new Uint8Array(8), reference.length)).toBe(0);
  });

  it('reads a gap left by a write past the end as zeros', () => {
    const file = new ChunkedFile();
    file.write(new Uint8Array([1, 2]), 0);
    file.write(new Uint8Array([9]), MiB + 3);
    const all = file.bytes();
    expect(all.length).toBe(MiB + 4);
    expect([...all.subarray(0, 3)]).toEqual([1, 2, 0]);
    expect(all.subarray(2, MiB + 3).every((b) => b === 0)).toBe(true);
    expect(all[MiB + 3]).toBe(9);
  });
});
