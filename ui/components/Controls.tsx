import { FPS_CHOICES, LIMITS, type RenderParams } from '../../engine/params';
import { TEMPLATES } from '../../engine/plan';

/** Output sizes offered in the picker: common delivery sizes, all even. */
export const SIZE_PRESETS: ReadonlyArray<{ label: string; width: number; height: number }> = [
  { label: '1280 × 720 (16:9)', width: 1280, height: 720 },
  { label: '1920 × 1080 (16:9)', width: 1920, height: 1080 },
  { label: '1080 × 1080 (1:1)', width: 1080, height: 1080 },
  { label: '1080 × 1350 (4:5)', width: 1080, height: 1350 },
  { label: '1080 × 1920 (9:16)', width: 1080, height: 1920 },
  { label: '640 × 360 (16:9, small)', width: 640, height: 360 },
];

interface Props {
  params: RenderParams;
  disabled: boolean;
  onChange(params: RenderParams): void;
}

export function Controls({ params, disabled, onChange }: Props) {
  const set = (patch: Partial<RenderParams>) => onChange({ ...params, ...patch });
  const sizeKey = `${params.width}x${params.height}`;
  const sizes = SIZE_PRESETS.some((s) => `${s.width}x${s.height}` === sizeKey)
    ? SIZE_PRESETS
    : [{ label: `${params.width} × ${params.height}`, width: params.width, height: params.height }, ...SIZE_PRESETS];
  return (
    <fieldset class="controls" disabled={disabled}>
      <div class="templates" role="radiogroup" aria-label="Template">
        {TEMPLATES.map((t) => (
          <label key={t.id} class={t.id === params.template ? 'template selected' : 'template'} title={t.description}>
            <input type="radio" name="template" value={t.id} checked={t.id === params.template} onChange={() => set({ template: t.id })} />
            <span class="name">{t.name}</span>
            <span class="description">{t.description}</span>
          </label>
        ))}
      </div>
      <label class="row">
        <span>Duration</span>
        <input
          type="range"
          name="duration"
          min={LIMITS.minDuration}
          max={12}
          step={0.5}
          value={params.duration}
          onInput={(e) => set({ duration: Number(e.currentTarget.value) })}
        />
        <output>{params.duration.toFixed(1)} s</output>
      </label>
      <label class="row">
        <span>Frame rate</span>
        <select name="fps" value={String(params.fps)} onChange={(e) => set({ fps: Number(e.currentTarget.value) as RenderParams['fps'] })}>
          {FPS_CHOICES.map((f) => (
            <option key={f} value={String(f)}>
              {f} fps
            </option>
          ))}
        </select>
      </label>
      <label class="row">
        <span>Size</span>
        <select
          name="size"
          value={sizeKey}
          onChange={(e) => {
            const [w, h] = e.currentTarget.value.split('x').map(Number);
            set({ width: w!, height: h! });
          }}
        >
          {sizes.map((s) => (
            <option key={`${s.width}x${s.height}`} value={`${s.width}x${s.height}`}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
