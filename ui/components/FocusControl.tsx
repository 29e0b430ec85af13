import type { RenderParams } from '../../engine/params';

const percent = (f: number) => `${Math.round(f * 100)}%`;

interface Props {
  focus: RenderParams['focus'];
  onAuto(): void;
}

/** Where the camera aims: the analysis's choice, or the point the designer clicked in the preview. */
export function FocusControl({ focus, onAuto }: Props) {
  return (
    <div class="row focus">
      <span>Focus</span>
      <output data-testid="focus">{focus ? `${percent(focus.x)} across, ${percent(focus.y)} down` : 'Automatic · click the preview'}</output>
      <button type="button" onClick={onAuto} disabled={!focus}>
        Auto
      </button>
    </div>
  );
}
