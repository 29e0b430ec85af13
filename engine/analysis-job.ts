// Runs the analysis stage on the decoded image inside the worker. The result
// lives only as long as the engine holds the image (see Engine.release).
import { analyseImage, type Analysis } from './analysis/analyse';
import type { OnnxModels } from './analysis/onnx-models';
import type { RgbaImage } from './analysis/types';
import { summariseAnalysis, timingsSince } from './analysis-summary';
import type { AnalysisSummary } from './api';

/** The subject mask and depth are held this large on their longest side; the renderer filters them up. */
const ANALYSIS_HELD_SIDE = 1024;

export interface AnalysisJob {
  /** The copy the analysis saw: the scene's background layer is made from it. */
  pixels: RgbaImage;
  analysis: Analysis;
  summary: AnalysisSummary;
}

/**
 * The bitmap's pixels at most `maxSide` on their longest side. Analysis runs on
 * a 512-pixel copy and upsamples its mask and depth against this one, so the
 * full-size image is never read back.
 */
function bitmapPixels(bitmap: ImageBitmap, maxSide: number): RgbaImage {
  const fit = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * fit));
  const height = Math.max(1, Math.round(bitmap.height * fit));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true });
  if (!ctx) throw new Error('This host cannot draw images (no 2D canvas).');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  return { width, height, data };
}

/** Reads the pixels synchronously, before the first await: the caller may close the bitmap afterwards. */
export function analyseBitmap(bitmap: ImageBitmap, models: OnnxModels): Promise<AnalysisJob> {
  const started = performance.now();
  const pixels = bitmapPixels(bitmap, ANALYSIS_HELD_SIDE);
  const pixelsMs = performance.now() - started;
  const before = models.timings();
  return analyseImage(pixels, models).then((analysis) => ({
    pixels,
    analysis,
    summary: summariseAnalysis(analysis, timingsSince(before, models.timings()), pixelsMs),
  }));
}
