// Fuzz: the command line's image decoder (PNG/JPEG) on thousands of damaged
// files: each one decodes to a consistent image or fails with ImageFileError,
// never another exception, and in bounded time.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImageFile, ImageFileError } from '../../cli/image-file';
import { mutateBytes, seeded } from '../support/fuzz';

const RUNS = 1500;
/** Per file: loose for a shared, busy machine; a decoder stuck on a forged header takes tens of seconds. */
const MAX_MS = 2000;

function pixels(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, i % 5 ? 255 : 128], 4 * i);
  return data;
}

const png = (colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16) => {
  const image = new PNG({ width: 24, height: 16, colorType, bitDepth, inputColorType: 6, inputHasAlpha: true });
  image.data = Buffer.from(pixels(24, 16));
  return new Uint8Array(PNG.sync.write(image, { colorType, bitDepth, inputColorType: 6, inputHasAlpha: true }));
};
const jpg = () => new Uint8Array(jpeg.encode({ width: 24, height: 16, data: pixels(24, 16) }, 80).data);

describe('fuzzed image files', () => {
  it.each([
    ['RGBA PNG', png(6, 8)],
    ['16-bit RGB PNG', png(2, 16)],
    ['grayscale PNG', png(0, 8)],
    ['JPEG', jpg()],
  ])('%s: damaged copies decode consistently or fail with ImageFileError', (_, original) => {
    expect(decodeImageFile(original)).toMatchObject({ width: 24, height: 16 });
    // A copy declaring 30000×1500 pixels in a few hundred bytes is refused at once, not decoded for seconds.
    if (original[0] === 0xff) {
      const forged = original.slice();
      const sof = forged.findIndex((b, i) => b === 0xff && forged[i + 1] === 0xc0);
      new DataView(forged.buffer).setUint32(sof + 5, (1500 << 16) | 30000);
      expect(() => decodeImageFile(forged)).toThrow(/too short for the picture/);
    }
    const r = seeded(original.length);
    let decoded = 0;
    let refused = 0;
    for (let i = 0; i < RUNS; i++) {
      const bytes = mutateBytes(r, original);
      const started = performance.now();
      try {
        const image = decodeImageFile(bytes);
        expect(image.width).toBeGreaterThan(0);
        expect(image.data.length).toBe(image.width * image.height * 4);
        decoded++;
      } catch (e) {
        if (!(e instanceof ImageFileError)) throw new Error(`not an ImageFileError: ${e}`);
        refused++;
      }
      expect(performance.now() - started).toBeLessThan(MAX_MS);
    }
    // The mutations reach the decoder (pngjs checks every chunk's CRC, so a damaged PNG rarely decodes).
    expect(refused).toBeGreaterThan(RUNS * 0.1);
    if (original[0] === 0xff) expect(decoded).toBeGreaterThan(RUNS * 0.05);
  });
});
