// Bundled into a blank page by decode-fuzz.test.ts: runs the worker's image
// decoder on damaged copies of small files and tallies what happened.
import { decodeImage, ImageDecodeError } from '../../engine/decode';
import { mutateBytes, seeded } from '../support/fuzz';

export interface FuzzTally {
  decoded: number;
  refused: number;
  /** Errors that are not ImageDecodeError: each one is a defect. */
  crashes: string[];
  slowestMs: number;
  totalMs: number;
}

export async function fuzzDecode(base64: string, runs: number, seed: number, maxSide: number): Promise<FuzzTally> {
  const original = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const r = seeded(seed);
  const tally: FuzzTally = { decoded: 0, refused: 0, crashes: [], slowestMs: 0, totalMs: 0 };
  for (let i = 0; i < runs; i++) {
    const bytes = mutateBytes(r, original);
    const started = performance.now();
    try {
      const image = await decodeImage(bytes, maxSide);
      if (image.bitmap.width !== image.width || image.width < 1 || image.width > maxSide || image.height > maxSide) tally.crashes.push(`inconsistent ${image.width}×${image.height}`);
      image.bitmap.close();
      tally.decoded++;
    } catch (e) {
      if (e instanceof ImageDecodeError) tally.refused++;
      else tally.crashes.push(String(e));
    }
    const ms = performance.now() - started;
    tally.totalMs += ms;
    tally.slowestMs = Math.max(tally.slowestMs, ms);
  }
  return tally;
}
