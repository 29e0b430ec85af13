// Image decoding in the worker: bytes → an opaque, upright bitmap the renderer
// can upload. Transparent pixels are composited over a background here, once.
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

export async function decodeImage(bytes: Uint8Array, maxSide: number, background = '#ffffff'): Promise<DecodedImage> {
  if (bytes.byteLength === 0) throw new ImageDecodeError('The image is empty.');
  let decoded: ImageBitmap;
  try {
    // EXIF orientation is applied; colours are converted to sRGB.
    decoded = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageDecodeError('This image could not be decoded: the file may be damaged or in an unsupported format.');
  }
  const original = { width: decoded.width, height: decoded.height };
  if (original.width === 0 || original.height === 0) throw new ImageDecodeError('The image has no pixels.');
  const fit = Math.min(1, maxSide / Math.max(original.width, original.height));
  const width = Math.max(1, Math.round(original.width * fit));
  const height = Math.max(1, Math.round(original.height * fit));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new ImageDecodeError('This host cannot draw images (no 2D canvas).');
  ctx.imageSmoothingQuality = 'high';
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(decoded, 0, 0, width, height);
  decoded.close();
  const bitmap = canvas.transferToImageBitmap();
  return fit < 1 ? { bitmap, width, height, originalSize: original } : { bitmap, width, height };
}
