import { useEffect, useRef } from 'preact/hooks';
import { TEMPLATES } from '../../engine/motion/templates';
import type { TemplateId } from '../../engine/params';

/** The thumbnail box's aspect: wide enough for 16:9 thumbnails, tall enough that 9:16 ones stay legible. */
const BOX_ASPECT = 4 / 3;

export interface ThumbnailElement {
  id: TemplateId;
  canvas: HTMLCanvasElement;
}

interface Props {
  selected: TemplateId;
  /** The output's width / height, which the thumbnails have. */
  aspect: number;
  attach(canvases: ThumbnailElement[]): Promise<void>;
  onChoose(id: TemplateId): void;
}

/**
 * Every template as a tile: a thumbnail of its move on the selected picture,
 * drawn by the worker, and its name (the description is the tooltip). Mounted
 * anew for every engine worker, since a canvas can be handed over only once.
 */
export function TemplatePicker({ selected, aspect, attach, onChoose }: Props) {
  const canvases = useRef(new Map<TemplateId, HTMLCanvasElement>());
  useEffect(() => {
    void attach([...canvases.current].map(([id, canvas]) => ({ id, canvas }))).catch(() => {});
  }, []);
  // Contained in the box by width alone: a percentage height would not resolve against the box's aspect-ratio height.
  const fit = { width: `${Math.min(1, aspect / BOX_ASPECT) * 100}%`, aspectRatio: String(aspect) };
  return (
    <div class="templates" role="radiogroup" aria-label="Template" data-testid="templates">
      {TEMPLATES.map((t) => (
        <label key={t.id} class={t.id === selected ? 'template selected' : 'template'} title={t.description} data-template={t.id}>
          <input type="radio" name="template" value={t.id} checked={t.id === selected} onChange={() => onChoose(t.id)} />
          <span class="thumb">
            <canvas
              ref={(c) => {
                if (c) canvases.current.set(t.id, c);
              }}
              style={fit}
              aria-hidden="true"
            />
          </span>
          <span class="name">{t.name}</span>
        </label>
      ))}
    </div>
  );
}
