// Image files in Node, for the command line and tests: PNG and JPEG in as
// opaque RGBA (transparency composited over white, as the plugin does), 8-bit
// grayscale PNG out.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Plane, RgbaImage } from '../engine/analysis/types';
import { readImageHeader } from '../engine/image-header';

export class ImageFileError extends Error {}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
/** jpeg-js refuses anything above this many megapixels; the plugin's own limit is far below it. */
const MAX_MEGAPIXELS = 100;

/**
 * Every 8×8 block of a baseline or progressive JPEG costs at least two bits (a
 * DC code and an end-of-block), so a file smaller than this many bytes per
 * pixel cannot hold the picture its header declares. jpeg-js would still spend
 * many seconds filling such a picture in (found by fuzzing: 27 s for 400 bytes).
 */
const MIN_JPEG_BYTES_PER_PIXEL = 1 / 512;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Composites onto white in place: the models and the renderer see what the designer sees. */
function flattenOnWhite(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    if (a === 255) continue;
    const keep = a / 255;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! * keep + 255 * (1 - keep));
    data[i + 3] = 255;
  }
}

export function decodeImageFile(bytes: Uint8Array): RgbaImage {
  let image: RgbaImage;
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      image = { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    } else if (startsWith(bytes, JPEG_SIGNATURE)) {
      const header = readImageHeader(bytes);
      if (header && bytes.length < header.width * header.height * MIN_JPEG_BYTES_PER_PIXEL) throw new ImageFileError('the JPEG is damaged: the file is too short for the picture its header declares');
      const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
      image = { width: jpg.width, height: jpg.height, data: jpg.data };
    } else {
      throw new ImageFileError('not a PNG or JPEG file');
    }
  } catch (e) {
    if (e instanceof ImageFileError) throw e;
    throw new ImageFileError(`the image could not be decoded (${(e as Error).message})`);
  }
  if (image.width === 0 || image.height === 0) throw new ImageFileError('the image has no pixels');
  flattenOnWhite(image.data as Uint8Array);
  return image;
}

/** Writes a 0..1 plane as an 8-bit grayscale PNG. */
export function encodeGrayPng(plane: Plane): Uint8Array {
  const png = new PNG({ width: plane.width, height: plane.height, colorType: 0, inputColorType: 0, bitDepth: 8 });
  const gray = Buffer.alloc(plane.width * plane.height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(Math.min(1, Math.max(0, plane.data[i]!)) * 255);
  png.data = gray;
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 }));
}
