// The harness's `exportAsync`: renders an image node at the asked scale to a
// PNG, as Figma would, using the browser's high-quality resampling.
import type { StoredImage } from './fake-figma';

export async function rasterise(node: SceneNode, image: StoredImage | undefined, settings: ExportSettings): Promise<Uint8Array> {
  if (!image) throw new Error(`the harness can only render image nodes, and “${node.name}” is not one`);
  if (settings.format !== 'PNG') throw new Error(`the harness renders PNG only, not ${settings.format}`);
  if (settings.constraint && settings.constraint.type !== 'SCALE') throw new Error('the harness renders SCALE constraints only');
  const scale = settings.constraint?.value ?? 1;
  const width = Math.max(1, Math.round(node.width * scale));
  const height = Math.max(1, Math.round(node.height * scale));

  const bitmap = await createImageBitmap(new Blob([image.bytes]));
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    // Harness nodes are sized like their image, so the image fills the node exactly.
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    bitmap.close();
  }
}
