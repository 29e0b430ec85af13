import { describe, expect, it } from 'vitest';
import {
  ANCHOR_COUNT,
  BLAZEFACE_INPUT,
  blazeFaceAnchors,
  decodeBlazeFace,
  iou,
  weightedNms,
  type Detection,
} from '../../engine/analysis/blazeface';
import { fitTransform } from '../../engine/analysis/letterbox';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Raw outputs where every anchor is a confident non-face unless set. */
function outputs() {
  return { regressors: new Float32Array(ANCHOR_COUNT * 16), logits: new Float32Array(ANCHOR_COUNT).fill(-10) };
}

/** Index of anchor k in cell (ix, iy) of the 8×8 grid. */
const coarse = (ix: number, iy: number, k = 0) => 512 + (iy * 8 + ix) * 6 + k;

describe('blazeFaceAnchors', () => {
  it('lays out 512 anchors on a 16×16 grid then 384 on an 8×8 grid', () => {
    const a = blazeFaceAnchors();
    expect(a.length).toBe(896 * 2);
    const at = (i: number) => [a[i * 2], a[i * 2 + 1]];
    expect(at(0)).toEqual([1 / 32, 1 / 32]);
    expect(at(1)).toEqual([1 / 32, 1 / 32]);
    expect(at(2)).toEqual([3 / 32, 1 / 32]);
    expect(at(32)).toEqual([1 / 32, 3 / 32]);
    expect(at(511)).toEqual([31 / 32, 31 / 32]);
    expect(at(512)).toEqual([1 / 16, 1 / 16]);
    expect(at(517)).toEqual([1 / 16, 1 / 16]);
    expect(at(518)).toEqual([3 / 16, 1 / 16]);
    expect(at(coarse(3, 4))).toEqual([7 / 16, 9 / 16]);
    expect(at(895)).toEqual([15 / 16, 15 / 16]);
  });

  it('uses the [-1, 1] letterboxed 128² NHWC input', () => {
    expect(BLAZEFACE_INPUT).toMatchObject({ width: 128, height: 128, layout: 'NHWC', fit: 'letterbox' });
    expect(BLAZEFACE_INPUT).toMatchObject({ mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
  });
});

describe('iou and weightedNms', () => {
  const det = (xmin: number, ymin: number, size: number, score: number, kp = 0): Detection => ({
    xmin,
    ymin,
    xmax: xmin + size,
    ymax: ymin + size,
    score,
    keypoints: [kp, kp],
  });

  it('computes intersection over union', () => {
    expect(iou(det(0, 0, 1, 1), det(0.5, 0, 1, 1))).toBeCloseTo(1 / 3, 12);
    expect(iou(det(0, 0, 1, 1), det(2, 2, 1, 1))).toBe(0);
    expect(iou(det(0, 0, 1, 1), det(0, 0, 1, 1))).toBe(1);
  });

  it('merges a cluster into its score-weighted mean with the best score, leaving far ones alone', () => {
    const out = weightedNms([det(0.1, 0, 1, 0.6, 4), det(5, 5, 1, 0.8, 9), det(0, 0, 1, 0.9, 1)], 0.3);
    expect(out).toHaveLength(2);
    expect(out[0]!.score).toBe(0.9);
    expect(out[0]!.xmin).toBeCloseTo((0 * 0.9 + 0.1 * 0.6) / 1.5, 12);
    expect(out[0]!.xmax).toBeCloseTo((1 * 0.9 + 1.1 * 0.6) / 1.5, 12);
    expect(out[0]!.ymin).toBeCloseTo(0, 12);
    expect(out[0]!.keypoints[0]).toBeCloseTo((1 * 0.9 + 4 * 0.6) / 1.5, 12);
    const far = out[1]!;
    expect(far.score).toBe(0.8);
    expect([far.xmin, far.ymin, far.xmax, far.ymax, ...far.keypoints].map((v) => +v.toFixed(9))).toEqual([5, 5, 6, 6, 9, 9]);
  });

  it('does not merge candidates that overlap by no more than the threshold', () => {
    // IoU exactly 1/3.
    expect(weightedNms([det(0, 0, 1, 0.9), det(0.5, 0, 1, 0.8)], 1 / 3)).toHaveLength(2);
  });
});

describe('decodeBlazeFace', () => {
  // A 2:1 image letterboxed into 128²: scale 0.5, 32 model rows of padding above and below.
  const transform = fitTransform(256, 128, 128, 128, 'letterbox');

  it('decodes one confident anchor into a box and keypoints in image pixels', () => {
    const { regressors, logits } = outputs();
    const i = coarse(3, 4);
    logits[i] = 5;
    // Anchor centre (56, 72) model px; shift by (+8, -4), size 32 × 40.
    regressors.set([8, -4, 32, 40, 0, 0, 10, 0, 0, 10], i * 16);
    const faces = decodeBlazeFace(regressors, logits, transform);
    expect(faces).toHaveLength(1);
    const f = faces[0]!;
    // Model box x 48..80, y 48..88 → image x 96..160, y 32..112.
    expect(f.x).toBeCloseTo(96, 4);
    expect(f.y).toBeCloseTo(32, 4);
    expect(f.w).toBeCloseTo(64, 4);
    expect(f.h).toBeCloseTo(80, 4);
    expect(f.score).toBeCloseTo(sigmoid(5), 6);
    expect(f.keypoints).toHaveLength(6);
    expect(f.keypoints[0]!.x).toBeCloseTo(112, 4);
    expect(f.keypoints[0]!.y).toBeCloseTo(80, 4);
    expect(f.keypoints[1]!.x).toBeCloseTo(132, 4);
    expect(f.keypoints[2]!.y).toBeCloseTo(100, 4);
  });

  it('merges two overlapping candidates into one score-weighted box', () => {
    const { regressors, logits } = outputs();
    const a = coarse(3, 4, 0);
    const b = coarse(3, 4, 1);
    logits[a] = 2;
    logits[b] = 1;
    regressors.set([8, -4, 32, 40], a * 16);
    regressors.set([12, -4, 32, 40], b * 16);
    const faces = decodeBlazeFace(regressors, logits, transform);
    expect(faces).toHaveLength(1);
    const [sa, sb] = [sigmoid(2), sigmoid(1)];
    const xminModel = (48 * sa + 52 * sb) / (sa + sb);
    expect(faces[0]!.x).toBeCloseTo(xminModel * 2, 3);
    expect(faces[0]!.w).toBeCloseTo(64, 3);
    expect(faces[0]!.score).toBeCloseTo(sa, 6);
  });

  it('keeps two far-apart faces, best first, and drops scores below the threshold', () => {
    const { regressors, logits } = outputs();
    logits[coarse(1, 3)] = 1;
    logits[coarse(6, 4)] = 3;
    logits[coarse(3, 4)] = -0.01;
    for (const i of [coarse(1, 3), coarse(6, 4), coarse(3, 4)]) regressors.set([0, 0, 16, 16], i * 16);
    const faces = decodeBlazeFace(regressors, logits, transform);
    expect(faces.map((f) => +f.score.toFixed(4))).toEqual([+sigmoid(3).toFixed(4), +sigmoid(1).toFixed(4)]);
    // Anchor (6, 4) centre (104, 72) model px → image (208, 80); box 16 model px = 32 image px.
    expect(faces[0]!.x).toBeCloseTo(192, 4);
    expect(faces[0]!.y).toBeCloseTo(64, 4);
    expect(decodeBlazeFace(regressors, logits, transform, { minScore: 0.9 })).toHaveLength(1);
    expect(decodeBlazeFace(regressors, logits, transform, { minScore: 0.4 })).toHaveLength(3);
  });

  it('clips boxes to the image and drops one lying wholly in the letterbox padding', () => {
    const { regressors, logits } = outputs();
    const top = coarse(2, 2);
    logits[top] = 4;
    // Anchor centre (40, 40) model px; box y 16..64 crosses the padding edge at 32.
    regressors.set([0, 0, 24, 48], top * 16);
    const padded = coarse(6, 0);
    logits[padded] = 4;
    // Anchor centre (104, 8): a 16 px box there is all padding.
    regressors.set([0, 0, 16, 16], padded * 16);
    const faces = decodeBlazeFace(regressors, logits, transform);
    expect(faces).toHaveLength(1);
    expect(faces[0]!.y).toBe(0);
    expect(faces[0]!.h).toBeCloseTo(64, 4);
    expect(faces[0]!.x).toBeCloseTo(56, 4);
  });
});
