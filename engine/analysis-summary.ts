// What the UI may know of an analysis: counts, a normalised focus point and
// timings. Face boxes, keypoints, masks and depth stay in the worker; this is
// the only analysis result that crosses to the UI.
import type { Analysis } from './analysis/analyse';
import type { ModelTiming } from './analysis/onnx-models';
import type { AnalysisSummary, ModelTimes } from './api';

const round1 = (v: number) => Math.round(v * 10) / 10;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Totals per model: time to create its session, and to run it (all runs). */
export function modelTotals(timings: Record<string, ModelTiming>): Record<string, ModelTimes> {
  const totals: Record<string, ModelTimes> = {};
  for (const [id, t] of Object.entries(timings)) {
    totals[id] = { createMs: round1(sum(t.create)), runMs: round1(sum(t.run)), runs: t.run.length };
  }
  return totals;
}

/** The timings recorded after `before` was taken: one analysis's share of a worker's running totals. */
export function timingsSince(before: Record<string, ModelTiming>, after: Record<string, ModelTiming>): Record<string, ModelTiming> {
  const since: Record<string, ModelTiming> = {};
  for (const [id, t] of Object.entries(after)) {
    const b = before[id];
    const create = t.create.slice(b?.create.length ?? 0);
    const run = t.run.slice(b?.run.length ?? 0);
    if (create.length > 0 || run.length > 0) since[id] = { create, run };
  }
  return since;
}

function meanOf(data: Float32Array): number {
  let total = 0;
  for (const v of data) total += v;
  return data.length > 0 ? total / data.length : 0;
}

/** `pixelsMs`: time spent getting the analysis copy's pixels out of the decoded image. */
export function summariseAnalysis(a: Analysis, timings: Record<string, ModelTiming>, pixelsMs: number): AnalysisSummary {
  const { prepare, segmentation, faces, saliency, depth, upsample, total } = a.ms;
  const ms = {
    pixels: round1(pixelsMs),
    prepare: round1(prepare),
    segmentation: round1(segmentation),
    faces: round1(faces),
    saliency: round1(saliency),
    depth: round1(depth),
    upsample: round1(upsample),
    total: round1(pixelsMs + total),
  };
  return {
    width: a.width,
    height: a.height,
    subject: a.subject,
    subjectShare: Math.round(meanOf(a.mask.data) * 1000) / 1000,
    faceCount: a.faces.length,
    focus: { x: Math.round((a.focus.x / a.width) * 1000) / 1000, y: Math.round((a.focus.y / a.height) * 1000) / 1000, source: a.focus.source },
    depthSource: a.depthSource,
    layers: a.layers,
    ms,
    models: modelTotals(timings),
  };
}
