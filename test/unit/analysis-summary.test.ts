import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../engine/analysis/analyse';
import { modelTotals, summariseAnalysis, timingsSince } from '../../engine/analysis-summary';

const plane = (width: number, height: number, fill: (i: number) => number) => ({ width, height, data: Float32Array.from({ length: width * height }, (_, i) => fill(i)) });

const analysis: Analysis = {
  width: 200,
  height: 100,
  mask: plane(200, 100, (i) => (i % 200 < 50 ? 1 : 0)),
  depth: plane(200, 100, () => 0.5),
  faces: [{ x: 10, y: 10, w: 20, h: 20, score: 0.9, keypoints: [{ x: 15, y: 18 }] }],
  focus: { x: 50, y: 25, source: 'face' },
  subject: 'person',
  depthSource: 'layers',
  layers: 1,
  ms: { prepare: 1.04, segmentation: 2, faces: 3, saliency: 0, depth: 4, upsample: 5, total: 15.26 },
};

describe('summariseAnalysis', () => {
  it('keeps counts, shares and a normalised focus, and no face or mask data', () => {
    const s = summariseAnalysis(analysis, { seg: { create: [100.04], run: [10, 12.33] } }, 2);
    expect(s).toEqual({
      width: 200,
      height: 100,
      subject: 'person',
      subjectShare: 0.25,
      faceCount: 1,
      focus: { x: 0.25, y: 0.25, source: 'face' },
      depthSource: 'layers',
      layers: 1,
      ms: { pixels: 2, prepare: 1, segmentation: 2, faces: 3, saliency: 0, depth: 4, upsample: 5, total: 17.3 },
      models: { seg: { createMs: 100, runMs: 22.3, runs: 2 } },
    });
  });
});

describe('model timings', () => {
  it('totals creation and runs per model', () => {
    expect(modelTotals({ a: { create: [5], run: [1, 2, 3] }, b: { create: [], run: [] } })).toEqual({
      a: { createMs: 5, runMs: 6, runs: 3 },
      b: { createMs: 0, runMs: 0, runs: 0 },
    });
  });

  it('separates one analysis from a worker’s running totals', () => {
    const before = { a: { create: [5], run: [1] } };
    const after = { a: { create: [5], run: [1, 2] }, b: { create: [7], run: [3] } };
    expect(timingsSince(before, after)).toEqual({ a: { create: [], run: [2] }, b: { create: [7], run: [3] } });
    expect(timingsSince(after, after)).toEqual({});
  });
});
