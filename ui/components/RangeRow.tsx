interface Props {
  label: string;
  name: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format(value: number): string;
  onInput(value: number): void;
}

/** A labelled slider with its value beside it. */
export function RangeRow({ label, name, min, max, step, value, format, onInput }: Props) {
  return (
    <label class="row">
      <span>{label}</span>
      <input type="range" name={name} min={min} max={max} step={step} value={value} onInput={(e) => onInput(Number(e.currentTarget.value))} />
      <output>{format(value)}</output>
    </label>
  );
}
