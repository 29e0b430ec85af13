import { useEffect, useRef } from 'preact/hooks';

/** The preview's tallest height, in CSS pixels: the controls stay in view below it. */
const MAX_HEIGHT = 260;

export interface PreviewPoint {
  /** 0..1 across the preview. */
  u: number;
  /** 0..1 down the preview. */
  v: number;
}

interface Props {
  attach(canvas: HTMLCanvasElement): Promise<void>;
  aspect: number;
  empty: boolean;
  /** Where the designer last aimed the camera, marked on the preview; null: no mark. */
  marker: PreviewPoint | null;
  /** A click on the preview: aim the camera there. */
  onPick(point: PreviewPoint): void;
}

/** The live preview. Mounted anew for every engine worker, since a canvas can be handed over only once. */
export function Preview({ attach, aspect, empty, marker, onPick }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void attach(canvas.current).catch(() => {});
  }, []);
  const pick = (e: MouseEvent) => {
    const box = canvas.current?.getBoundingClientRect();
    if (empty || !box || box.width === 0 || box.height === 0) return;
    const clamp = (f: number) => Math.min(1, Math.max(0, f));
    onPick({ u: clamp((e.clientX - box.left) / box.width), v: clamp((e.clientY - box.top) / box.height) });
  };
  // The width follows the height limit, so a tall aspect is never squashed into the panel's width.
  const style = { aspectRatio: String(aspect), width: `min(100%, ${MAX_HEIGHT * aspect}px)` };
  return (
    <div class={empty ? 'preview empty' : 'preview'} style={style} onClick={pick}>
      <canvas ref={canvas} aria-label="Live preview" title={empty ? undefined : 'Click to aim the camera here'} />
      {marker && !empty && <span class="focus-marker" style={{ left: `${marker.u * 100}%`, top: `${marker.v * 100}%` }} aria-hidden="true" />}
      {empty && <p class="placeholder">Select a frame, group or image in Figma.</p>}
    </div>
  );
}
