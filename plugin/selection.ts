// Pure decisions about selected nodes: which can be animated, at what export
// scale, and which are plain image holders whose original bytes can be sent.
import type { RenderParams } from '../engine/params';
import type { NodeSummary } from './messages';

/** More nodes than this would keep the sandbox busy exporting for a long time. */
export const MAX_NODES = 20;
/** Figma's export limit: no exported image may be larger on its longest side. */
export const MAX_EXPORT_SIDE = 4096;
/** A small node is never rasterised more than 4×: bytes grow with the square of the scale. */
export const MAX_UPSCALE = 4;
/** Extra pixels over the output size so a zoom-in stays sharp. */
export const ZOOM_HEADROOM = 1.5;
/** Below 1 % of its size a node has lost all detail worth animating. */
export const MIN_USEFUL_SCALE = 0.01;
/** Figma's renderer gives up on a raster larger than this on a side. */
export const MAX_RENDER_SIDE = 16384;

export type Verdict = { usable: true } | { usable: false; reason: 'no-pixels' | 'too-large' };

export function summarize(node: SceneNode): NodeSummary {
  return { id: node.id, name: node.name, width: node.width, height: node.height };
}

/** The longest side, in px, that an exported image should have for these params. */
export function wantedSide(params: RenderParams): number {
  return Math.min(Math.max(params.width, params.height) * ZOOM_HEADROOM, MAX_EXPORT_SIDE);
}

/**
 * Export covers the node's render bounds (shadows, strokes, rotation), which can
 * exceed width × height; fall back to those where Figma gives no bounds.
 */
export function exportLongestSide(node: SceneNode): number {
  const bounds = 'absoluteRenderBounds' in node ? (node.absoluteRenderBounds ?? node.absoluteBoundingBox) : null;
  return bounds ? Math.max(bounds.width, bounds.height) : Math.max(node.width, node.height);
}

/** The SCALE constraint that brings the node's longest side to the wanted size. */
export function exportScale(node: SceneNode, params: RenderParams): number {
  return Math.min(wantedSide(params) / exportLongestSide(node), MAX_UPSCALE);
}

export function classify(node: SceneNode): Verdict {
  if (!hasVisiblePixels(node)) return { usable: false, reason: 'no-pixels' };
  if (exportLongestSide(node) * MIN_USEFUL_SCALE > MAX_RENDER_SIDE) return { usable: false, reason: 'too-large' };
  return { usable: true };
}

function hasVisiblePixels(node: SceneNode): boolean {
  if (!node.visible) return false;
  const strokes = hasVisibleStrokes(node);
  if (node.width <= 0 || node.height <= 0) {
    // A straight line has no area yet draws its stroke.
    if (!strokes || (node.width <= 0 && node.height <= 0)) return false;
  }
  if ('children' in node && node.children.some((child) => child.visible)) return true;
  if (!('fills' in node) && !('strokes' in node)) {
    // Groups are nothing without their children; slices export what lies under them.
    return !('children' in node);
  }
  return hasVisibleFills(node) || strokes;
}

function isVisiblePaint(paint: Paint): boolean {
  return paint.visible !== false && (paint.opacity ?? 1) > 0;
}

function visiblePaints(paints: readonly Paint[] | PluginAPI['mixed']): readonly Paint[] | 'mixed' {
  return typeof paints === 'symbol' ? 'mixed' : paints.filter(isVisiblePaint);
}

function hasVisibleFills(node: SceneNode): boolean {
  if (!('fills' in node)) return false;
  const fills = visiblePaints(node.fills);
  return fills === 'mixed' || fills.length > 0;
}

function hasVisibleStrokes(node: SceneNode): boolean {
  if (!('strokes' in node) || visiblePaints(node.strokes).length === 0) return false;
  return typeof node.strokeWeight === 'symbol' || node.strokeWeight > 0;
}

const IMAGE_HOLDERS: ReadonlySet<NodeType> = new Set(['RECTANGLE', 'ELLIPSE', 'FRAME', 'COMPONENT', 'INSTANCE']);

/**
 * The image paint of a node that shows one image and nothing else, so its
 * original bytes are the node's pixels (or more of them); null otherwise.
 */
export function plainImagePaint(node: SceneNode): ImagePaint | null {
  if (!IMAGE_HOLDERS.has(node.type) || ('rotation' in node && node.rotation !== 0)) return null;
  if ('opacity' in node && node.opacity !== 1) return null;
  if ('children' in node && node.children.length > 0) return null;
  if ('effects' in node && node.effects.some((e) => e.visible)) return null;
  if (hasVisibleStrokes(node) || !('fills' in node)) return null;
  const fills = visiblePaints(node.fills);
  if (fills === 'mixed' || fills.length !== 1) return null;
  const paint = fills[0];
  if (paint?.type !== 'IMAGE' || paint.imageHash === null) return null;
  if (paint.scaleMode !== 'FILL' && paint.scaleMode !== 'FIT') return null;
  if ((paint.opacity ?? 1) !== 1 || (paint.rotation ?? 0) !== 0 || hasFilters(paint.filters)) return null;
  return paint;
}

function hasFilters(filters: ImageFilters | undefined): boolean {
  return filters !== undefined && Object.values(filters).some((value) => value !== undefined && value !== 0);
}
