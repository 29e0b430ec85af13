import type { FinishedClip } from '../clips';
import { formatLabel } from '../download';
import type { PlaceAnswer } from '../place';

export type Phase =
  | { kind: 'idle' }
  /** item/count: which clip of a batch (0/1 for a single render). */
  | { kind: 'rendering'; item: number; count: number; name: string; done: number; total: number; waitingForEncoder: boolean }
  | { kind: 'done'; clips: FinishedClip[] }
  | { kind: 'error'; message: string };

export type Placing = { kind: 'idle' } | { kind: 'busy'; done: number; count: number } | { kind: 'finished'; answers: PlaceAnswer[] };

interface Props {
  phase: Phase;
  placing: Placing;
  canRender: boolean;
  /** Usable nodes whose pictures are all here: over one offers "Render all". */
  batchSize: number;
  /** The quick-animate window: progress and the finished clip's buttons only. */
  compact?: boolean;
  onRender(): void;
  onRenderAll(): void;
  onCancel(): void;
  onDownload(): void;
  onPlace(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function RenderPanel(props: Props) {
  const { phase, placing, canRender, batchSize, compact = false } = props;
  return (
    <section class={`render${compact ? ' compact' : ''}`} aria-live="polite">
      {phase.kind === 'rendering' ? (
        <Progress phase={phase} onCancel={props.onCancel} />
      ) : (
        !(compact && phase.kind === 'done') && (
          <div class="row buttons">
            <button type="button" class={phase.kind === 'done' ? 'secondary' : 'primary'} disabled={!canRender} onClick={props.onRender} data-testid="render">
              {phase.kind === 'done' ? 'Render again' : 'Render'}
            </button>
            {batchSize > 1 && (
              <button type="button" class="secondary" disabled={!canRender} onClick={props.onRenderAll} data-testid="render-all">
                Render all ({batchSize})
              </button>
            )}
          </div>
        )
      )}
      {phase.kind === 'done' && <Result clips={phase.clips} placing={placing} compact={compact} onDownload={props.onDownload} onPlace={props.onPlace} />}
      {phase.kind === 'error' && (
        <p class="error" role="alert">
          {phase.message}
        </p>
      )}
    </section>
  );
}

function Progress({ phase, onCancel }: { phase: Extract<Phase, { kind: 'rendering' }>; onCancel(): void }) {
  const frames = phase.waitingForEncoder ? 'Preparing the encoder…' : `frame ${phase.done} of ${phase.total}`;
  return (
    <>
      {phase.count > 1 && (
        <>
          <progress class="overall" data-testid="batch-progress" max={phase.count} value={phase.item + phase.done / Math.max(1, phase.total)} />
          <span class="status" data-testid="batch-status">
            Clip {phase.item + 1} of {phase.count}: {phase.name}
          </span>
        </>
      )}
      <progress class="item" max={phase.total} value={phase.done} />
      <div class="row">
        <span class="status">{phase.waitingForEncoder ? frames : `Rendering ${frames}…`}</span>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

function Result({ clips, placing, compact, onDownload, onPlace }: { clips: FinishedClip[]; placing: Placing; compact: boolean; onDownload(): void; onPlace(): void }) {
  const single = clips.length === 1 ? clips[0]! : null;
  const total = clips.reduce((sum, c) => sum + c.result.bytes.byteLength, 0);
  return (
    <div class="result">
      <div class="row buttons">
        <button type="button" class="primary" onClick={onDownload} data-testid="download">
          {single ? `Download ${formatLabel(single.result.mimeType)}` : `Download zip (${clips.length} clips)`}
        </button>
        <button type="button" class="secondary" onClick={onPlace} disabled={placing.kind === 'busy'} data-testid="place">
          {placing.kind === 'busy' ? `Placing ${placing.done + 1} of ${placing.count}…` : 'Place on canvas'}
        </button>
      </div>
      {!compact && (
        <p class="meta">
          {single
            ? `${single.fileName} · ${megabytes(total)} · ${single.result.frames} frames · ${single.result.encoderLabel} · ${seconds(single.result.ms.total)}`
            : `${clips.length} clips · ${megabytes(total)} · ${clips.map((c) => c.fileName).join(', ')}`}
        </p>
      )}
      {placing.kind === 'finished' &&
        placing.answers.map((a, i) => (
          <p key={i} class={`placed ${a.outcome === 'placed' ? '' : 'refused'}`} role={a.outcome === 'placed' ? 'status' : 'alert'} data-testid="place-answer" data-outcome={a.outcome}>
            {a.text}
          </p>
        ))}
    </div>
  );
}
