interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

interface Props {
  label: string;
  name: string;
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
}

/** A select with its caption above it, for the compact grid of choices. */
export function SelectField({ label, name, value, options, onChange }: Props) {
  return (
    <label class="field">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
