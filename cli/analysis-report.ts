// analysis.json: what the analysis found, in input pixels, with timings. Faces
// are written only here, to a file the user asked for on their own machine.
import type { Analysis } from '../engine/analysis/analyse';
import type { ModelTiming } from '../engine/analysis/onnx-models';
import { modelTotals } from '../engine/analysis-summary';
import type { ModelTimes } from '../engine/api';

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface AnalysisReport {
  width: number;
  height: number;
  subject: Analysis['subject'];
  depthSource: Analysis['depthSource'];
  layers: number;
  faces: { x: number; y: number; w: number; h: number; score: number }[];
  focus: { x: number; y: number; source: Analysis['focus']['source'] };
  ms: Record<string, number>;
  models: Record<string, ModelTimes>;
}

export function analysisReport(a: Analysis, timings: Record<string, ModelTiming>, decodeMs: number): AnalysisReport {
  const ms: Record<string, number> = { decode: round1(decodeMs) };
  for (const [stage, value] of Object.entries(a.ms)) ms[stage] = round1(value);
  return {
    width: a.width,
    height: a.height,
    subject: a.subject,
    depthSource: a.depthSource,
    layers: a.layers,
    faces: a.faces.map((f) => ({ x: round1(f.x), y: round1(f.y), w: round1(f.w), h: round1(f.h), score: Math.round(f.score * 1000) / 1000 })),
    focus: { x: round1(a.focus.x), y: round1(a.focus.y), source: a.focus.source },
    ms,
    models: modelTotals(timings),
  };
}
