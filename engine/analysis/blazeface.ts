// Decodes MediaPipe's BlazeFace short-range outputs into face boxes, following
// MediaPipe's SsdAnchorsCalculator, TensorsToDetectionsCalculator and weighted
// NonMaxSuppressionCalculator for face_detection_short_range.
import { rangeSpec, toImagePoint, type InputSpec, type Letterbox } from './letterbox';
import type { FaceBox, Point } from './types';

export const BLAZEFACE_INPUT: InputSpec = {
  width: 128,
  height: 128,
  layout: 'NHWC',
  ...rangeSpec(-1, 1),
  fit: 'letterbox',
};

const INPUT_SIZE = 128;
const KEYPOINTS = 6;
const VALUES_PER_ANCHOR = 4 + KEYPOINTS * 2;
/** Strides 8, 16, 16, 16 with two anchors per layer; layers of equal stride share one grid. */
const GRIDS: readonly { size: number; perCell: number }[] = [
  { size: 16, perCell: 2 },
  { size: 8, perCell: 6 },
];
export const ANCHOR_COUNT = 896;

/** Anchor centres as (cx, cy) pairs, normalised to the model input; every anchor is 1 × 1. */
export function blazeFaceAnchors(): Float32Array {
  const out = new Float32Array(ANCHOR_COUNT * 2);
  let n = 0;
  for (const { size, perCell } of GRIDS) {
    for (let iy = 0; iy < size; iy++) {
      for (let ix = 0; ix < size; ix++) {
        for (let k = 0; k < perCell; k++) {
          out[n++] = (ix + 0.5) / size;
          out[n++] = (iy + 0.5) / size;
        }
      }
    }
  }
  return out;
}

const ANCHORS = blazeFaceAnchors();

/** A candidate in normalised model coordinates: box corners, score and keypoints as flat (x, y) pairs. */
export interface Detection {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  score: number;
  keypoints: number[];
}

type Box = Pick<Detection, 'xmin' | 'ymin' | 'xmax' | 'ymax'>;

export function iou(a: Box, b: Box): number {
  const w = Math.min(a.xmax, b.xmax) - Math.max(a.xmin, b.xmin);
  const h = Math.min(a.ymax, b.ymax) - Math.max(a.ymin, b.ymin);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.xmax - a.xmin) * (a.ymax - a.ymin) + (b.xmax - b.xmin) * (b.ymax - b.ymin) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe's WEIGHTED suppression: the best remaining candidate gathers every
 * remaining one overlapping it by more than the threshold (itself included);
 * the cluster becomes one detection whose geometry is the score-weighted mean
 * and whose score is the best one's.
 */
export function weightedNms(candidates: readonly Detection[], iouThreshold: number): Detection[] {
  let remaining = [...candidates].sort((a, b) => b.score - a.score);
  const out: Detection[] = [];
  while (remaining.length > 0) {
    const top = remaining[0]!;
    const cluster: Detection[] = [];
    const rest: Detection[] = [];
    for (const d of remaining) (iou(top, d) > iouThreshold || d === top ? cluster : rest).push(d);
    let total = 0;
    const keypoints = top.keypoints.map(() => 0);
    const merged: Detection = { xmin: 0, ymin: 0, xmax: 0, ymax: 0, score: top.score, keypoints };
    for (const d of cluster) {
      total += d.score;
      merged.xmin += d.xmin * d.score;
      merged.ymin += d.ymin * d.score;
      merged.xmax += d.xmax * d.score;
      merged.ymax += d.ymax * d.score;
      d.keypoints.forEach((v, i) => (merged.keypoints[i]! += v * d.score));
    }
    merged.xmin /= total;
    merged.ymin /= total;
    merged.xmax /= total;
    merged.ymax /= total;
    merged.keypoints = merged.keypoints.map((v) => v / total);
    out.push(merged);
    remaining = rest;
  }
  return out;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.min(100, Math.max(-100, x))));

/** Candidates above minScore, decoded from raw outputs into normalised model coordinates. */
function decodeCandidates(regressors: Float32Array, logits: Float32Array, minScore: number): Detection[] {
  const out: Detection[] = [];
  for (let i = 0; i < ANCHOR_COUNT; i++) {
    const score = sigmoid(logits[i]!);
    if (score < minScore) continue;
    const r = i * VALUES_PER_ANCHOR;
    const ax = ANCHORS[i * 2]!;
    const ay = ANCHORS[i * 2 + 1]!;
    const cx = regressors[r]! / INPUT_SIZE + ax;
    const cy = regressors[r + 1]! / INPUT_SIZE + ay;
    const w = regressors[r + 2]! / INPUT_SIZE;
    const h = regressors[r + 3]! / INPUT_SIZE;
    const keypoints: number[] = [];
    for (let k = 0; k < KEYPOINTS; k++) {
      keypoints.push(regressors[r + 4 + k * 2]! / INPUT_SIZE + ax, regressors[r + 5 + k * 2]! / INPUT_SIZE + ay);
    }
    out.push({ xmin: cx - w / 2, ymin: cy - h / 2, xmax: cx + w / 2, ymax: cy + h / 2, score, keypoints });
  }
  return out;
}

export interface BlazeFaceOptions {
  minScore?: number;
  iouThreshold?: number;
}

/** Faces in image pixels, best first, from the `regressors` [1,896,16] and `classificators` [1,896,1] outputs. */
export function decodeBlazeFace(
  regressors: Float32Array,
  logits: Float32Array,
  transform: Letterbox,
  opts: BlazeFaceOptions = {},
): FaceBox[] {
  const { minScore = 0.5, iouThreshold = 0.3 } = opts;
  const toImage = (x: number, y: number): Point =>
    toImagePoint(transform, { x: x * transform.modelWidth, y: y * transform.modelHeight });
  const clampX = (x: number) => Math.min(Math.max(x, 0), transform.imageWidth);
  const clampY = (y: number) => Math.min(Math.max(y, 0), transform.imageHeight);
  const faces: FaceBox[] = [];
  for (const d of weightedNms(decodeCandidates(regressors, logits, minScore), iouThreshold)) {
    const a = toImage(d.xmin, d.ymin);
    const b = toImage(d.xmax, d.ymax);
    const x = clampX(a.x);
    const y = clampY(a.y);
    const w = clampX(b.x) - x;
    const h = clampY(b.y) - y;
    // A box wholly inside the letterbox padding has nothing left once clipped.
    if (w <= 0 || h <= 0) continue;
    const keypoints: Point[] = [];
    for (let k = 0; k < KEYPOINTS; k++) keypoints.push(toImage(d.keypoints[k * 2]!, d.keypoints[k * 2 + 1]!));
    faces.push({ x, y, w, h, score: d.score, keypoints });
  }
  return faces.sort((p, q) => q.score - p.score);
}
