import type { AnalysisSummary } from '../../engine/api';

export type AnalysisState =
  | { kind: 'none' }
  | { kind: 'running' }
  | { kind: 'done'; summary: AnalysisSummary }
  | { kind: 'failed'; message: string };

const plural = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

function describe(s: AnalysisSummary): string {
  const subject = s.subject === 'person' ? `${plural(s.faceCount, 'face', 'faces')}, person cut out` : 'subject found by contrast';
  const depth = s.depthSource === 'model' ? 'depth from your model' : `${plural(s.layers, 'subject layer', 'subject layers')} over the scene`;
  return `Sees ${subject} · ${depth} · ${(s.ms.total / 1000).toFixed(1)} s`;
}

/** One line on what the analysis found, so a designer knows what the camera will follow. */
export function AnalysisInfo({ state }: { state: AnalysisState }) {
  if (state.kind === 'none') return null;
  const text = state.kind === 'running' ? 'Looking at the picture…' : state.kind === 'done' ? describe(state.summary) : `Could not analyse the picture (${state.message}); the camera keeps to the centre.`;
  return (
    <p class={`analysis ${state.kind}`} data-testid="analysis" data-state={state.kind}>
      {text}
    </p>
  );
}
