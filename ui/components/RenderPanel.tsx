import type { RenderResult } from '../../engine/api';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'rendering'; done: number; total: number; waitingForEncoder: boolean }
  | { kind: 'done'; result: RenderResult; fileName: string }
  | { kind: 'error'; message: string };

interface Props {
  phase: Phase;
  canRender: boolean;
  onRender(): void;
  onCancel(): void;
  onDownload(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function RenderPanel({ phase, canRender, onRender, onCancel, onDownload }: Props) {
  return (
    <section class="render" aria-live="polite">
      {phase.kind === 'rendering' ? (
        <>
          <progress max={phase.total} value={phase.done} />
          <div class="row">
            <span class="status">
              {phase.waitingForEncoder ? 'Preparing the encoder…' : `Rendering frame ${phase.done} of ${phase.total}…`}
            </span>
            <button type="button" class="secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button type="button" class={phase.kind === 'done' ? 'secondary' : 'primary'} disabled={!canRender} onClick={onRender} data-testid="render">
          {phase.kind === 'done' ? 'Render again' : 'Render'}
        </button>
      )}
      {phase.kind === 'done' && (
        <div class="result">
          <button type="button" class="primary" onClick={onDownload} data-testid="download">
            Download MP4
          </button>
          <p class="meta">
            {phase.fileName} · {(phase.result.bytes.byteLength / 1048576).toFixed(1)} MB · {phase.result.frames} frames ·{' '}
            {phase.result.encoderLabel} · {seconds(phase.result.ms.total)}
          </p>
        </div>
      )}
      {phase.kind === 'error' && (
        <p class="error" role="alert">
          {phase.message}
        </p>
      )}
    </section>
  );
}
