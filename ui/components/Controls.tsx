import { EASINGS, LIMITS, LOOP_MODES, type Aspect, type EasingId, type LoopMode, type RenderParams } from '../../engine/params';
import { fpsChoicesFor, maxSideFor } from '../output-options';
import type { Size } from '../output-size';
import { OutputSection } from './OutputSection';
import { FocusControl } from './FocusControl';
import { OutputSize } from './OutputSize';
import { RangeRow } from './RangeRow';
import { SelectField } from './SelectField';
import { TemplatePicker, type ThumbnailElement } from './TemplatePicker';

const EASING_LABELS: Readonly<Record<EasingId, string>> = {
  'ease-in-out': 'Ease in-out',
  linear: 'Linear',
  'ease-in': 'Ease in',
  'ease-out': 'Ease out',
};
const LOOP_LABELS: Readonly<Record<LoopMode, string>> = { none: 'None', boomerang: 'Boomerang', seamless: 'Seamless' };
/** The longest clip the slider offers: short clips are what this is for; the command line goes to the limit. */
const MAX_SLIDER_DURATION = 12;

interface Props {
  params: RenderParams;
  /** The aspect preset the size came from; null for a custom size. */
  aspect: Aspect | null;
  image: Size | null;
  disabled: boolean;
  /** Remounts the template picker with fresh canvases after the engine worker restarts. */
  generation: number;
  attachThumbnails(canvases: ThumbnailElement[]): Promise<void>;
  onChange(params: RenderParams): void;
  onAspect(aspect: Aspect): void;
  /** Hands aiming back to the analysis. */
  onFocusAuto(): void;
}

export function Controls({ params, aspect, image, disabled, generation, attachThumbnails, onChange, onAspect, onFocusAuto }: Props) {
  const set = (patch: Partial<RenderParams>) => onChange({ ...params, ...patch });
  const pick = <T extends string>(choices: readonly T[], value: string) => choices.find((c) => c === value);
  return (
    <fieldset class="controls" disabled={disabled}>
      <FocusControl focus={params.focus} onAuto={onFocusAuto} />
      <TemplatePicker
        key={generation}
        selected={params.template}
        aspect={params.width / params.height}
        attach={attachThumbnails}
        onChoose={(template) => set({ template })}
      />
      <RangeRow
        label="Intensity"
        name="intensity"
        min={0}
        max={1}
        step={0.05}
        value={params.intensity}
        format={(v) => `${Math.round(v * 100)}%`}
        onInput={(intensity) => set({ intensity })}
      />
      <RangeRow
        label="Duration"
        name="duration"
        min={LIMITS.minDuration}
        max={Math.max(MAX_SLIDER_DURATION, params.duration)}
        step={0.5}
        value={params.duration}
        format={(v) => `${v.toFixed(1)} s`}
        onInput={(duration) => set({ duration })}
      />
      <div class="fields">
        <OutputSize aspect={aspect} size={params} image={image} maxSide={maxSideFor(params.format)} onAspect={onAspect} onSize={(size) => set(size)} />
        <SelectField
          label="Frame rate"
          name="fps"
          value={String(params.fps)}
          options={fpsChoicesFor(params.format).map((f) => ({ value: String(f), label: `${f} fps` }))}
          onChange={(value) => set({ fps: fpsChoicesFor(params.format).find((f) => String(f) === value) ?? params.fps })}
        />
        <SelectField
          label="Easing"
          name="easing"
          value={params.easing}
          options={EASINGS.map((e) => ({ value: e, label: EASING_LABELS[e] }))}
          onChange={(value) => set({ easing: pick(EASINGS, value) ?? params.easing })}
        />
        <SelectField
          label="Loop"
          name="loop"
          value={params.loop}
          options={LOOP_MODES.map((l) => ({ value: l, label: LOOP_LABELS[l] }))}
          onChange={(value) => set({ loop: pick(LOOP_MODES, value) ?? params.loop })}
        />
      </div>
      <OutputSection params={params} onChange={onChange} />
    </fieldset>
  );
}
