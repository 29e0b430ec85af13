// Image decoding in the worker: bytes → an opaque, upright bitmap the renderer
// can upload. Transparent pixels are composited over a background here, once.
import { readImageHeader } from './image-header';
export interface DecodedImage {
  bitmap: ImageBitmap;
  width: number;
  height: number;
  /** Set when the image was larger than the renderer can hold and was reduced. */
  originalSize?: { width: number; height: number };
}

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/**
 * The most pixels a file may declare: 16384², the largest picture a browser
 * decodes at all. Beyond it the decode would exhaust memory, not fail cleanly.
 */
export const MAX_DECODE_PIXELS = 16384 * 16384;

export async function decodeImage(bytes: Uint8Array, maxSide: number, background = '#ffffff'): Promise<DecodedImage> {
  if (bytes.byteLength === 0) throw new ImageDecodeError('The image is empty.');
  const header = readImageHeader(bytes);
  if (header && header.width * header.height > MAX_DECODE_PIXELS) {
    throw new ImageDecodeError(`The image is too large to open (${header.width}×${header.height}); the most is ${MAX_DECODE_PIXELS / 1e6 | 0} megapixels.`);
  }
  // A picture larger than the renderer holds is decoded straight to the size it needs: a 16000² photo never sits in memory at full size.
  const fit = header ? Math.min(1, maxSide / Math.max(header.width, header.height)) : 1;
  const reduce = fit < 1 && header ? { resizeWidth: Math.max(1, Math.round(header.width * fit)), resizeHeight: Math.max(1, Math.round(header.height * fit)), resizeQuality: 'high' as const } : {};
  let decoded: ImageBitmap;
  try {
    // EXIF orientation is applied (before any resize); colours are converted to sRGB.
    decoded = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { imageOrientation: 'from-image', ...reduce });
  } catch {
    throw new ImageDecodeError('This image could not be decoded: the file may be damaged or in an unsupported format.');
  }
  const original = header ? { width: header.width, height: header.height } : { width: decoded.width, height: decoded.height };
  if (original.width === 0 || original.height === 0) throw new ImageDecodeError('The image has no pixels.');
  // Where the header was unreadable, the decoded picture itself is brought within the limit.
  const scale = Math.min(1, maxSide / Math.max(decoded.width, decoded.height));
  const width = Math.max(1, Math.round(decoded.width * scale));
  const height = Math.max(1, Math.round(decoded.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new ImageDecodeError('This host cannot draw images (no 2D canvas).');
  ctx.imageSmoothingQuality = 'high';
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(decoded, 0, 0, width, height);
  decoded.close();
  const bitmap = canvas.transferToImageBitmap();
  const reduced = width < original.width || height < original.height;
  return reduced ? { bitmap, width, height, originalSize: original } : { bitmap, width, height };
}
