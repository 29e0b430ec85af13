// Turns one usable node into encoded image bytes: an image fill's original
// bytes when they are at least as detailed as an export, a PNG export otherwise.
import type { RenderParams } from '../engine/params';
import { exportLongestSide, exportScale, plainImagePaint } from './selection';

export interface NodeImage {
  bytes: Uint8Array<ArrayBuffer>;
  source: 'fill' | 'export';
}

export async function exportImage(
  node: SceneNode,
  params: RenderParams,
  getImageByHash: PluginAPI['getImageByHash'],
): Promise<NodeImage> {
  const scale = exportScale(node, params);
  const fill = await originalFillBytes(node, exportLongestSide(node) * scale, getImageByHash);
  if (fill) return { bytes: plainBuffer(fill), source: 'fill' };
  const bytes = await node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: scale } });
  return { bytes: plainBuffer(bytes), source: 'export' };
}

/** Figma's bytes sit in an ordinary ArrayBuffer: its sandbox has no SharedArrayBuffer. */
const plainBuffer = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

async function originalFillBytes(
  node: SceneNode,
  exportedSide: number,
  getImageByHash: PluginAPI['getImageByHash'],
): Promise<Uint8Array | null> {
  const paint = plainImagePaint(node);
  const image = paint?.imageHash ? getImageByHash(paint.imageHash) : null;
  if (!image) return null;
  try {
    const size = await image.getSizeAsync();
    // The export is capped at the wanted size, so matching it is enough.
    if (Math.max(size.width, size.height) < exportedSide) return null;
    return await image.getBytesAsync();
  } catch {
    // An unreadable fill still renders on the canvas: export it instead.
    return null;
  }
}
