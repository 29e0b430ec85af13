import { ASPECTS, type Aspect } from '../../engine/params';
import { sizeChoices, type Size } from '../output-size';
import { SelectField } from './SelectField';

const ASPECT_LABELS: Readonly<Record<Aspect, string>> = {
  source: 'Source',
  '1:1': '1:1 Square',
  '4:5': '4:5 Portrait',
  '9:16': '9:16 Story',
  '16:9': '16:9 Wide',
};
/** Shown while the size matches no preset (set by the command line or an older version). */
const CUSTOM = 'custom';

const sizeKey = (s: Size) => `${s.width}x${s.height}`;

interface Props {
  /** null: a custom size, kept as it is. */
  aspect: Aspect | null;
  size: Size;
  /** The selected image; `source` needs it. */
  image: Size | null;
  /** The longest side the format takes. */
  maxSide: number;
  onAspect(aspect: Aspect): void;
  onSize(size: Size): void;
}

/** The output's aspect preset and size; the size list follows the aspect. */
export function OutputSize({ aspect, size, image, maxSide, onAspect, onSize }: Props) {
  const aspects = ASPECTS.map((a) => ({ value: a, label: ASPECT_LABELS[a], disabled: a === 'source' && !image }));
  const sizes = sizeChoices(aspect, size, image, maxSide).map((s) => ({ value: sizeKey(s), label: `${s.width} × ${s.height}` }));
  return (
    <>
      <SelectField
        label="Aspect"
        name="aspect"
        value={aspect ?? CUSTOM}
        options={aspect ? aspects : [{ value: CUSTOM, label: 'Custom' }, ...aspects]}
        onChange={(value) => {
          const chosen = ASPECTS.find((a) => a === value);
          if (chosen) onAspect(chosen);
        }}
      />
      <SelectField
        label="Size"
        name="size"
        value={sizeKey(size)}
        options={sizes}
        onChange={(value) => {
          const [width, height] = value.split('x').map(Number);
          onSize({ width: width!, height: height! });
        }}
      />
    </>
  );
}
