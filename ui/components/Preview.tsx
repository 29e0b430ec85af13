import { useEffect, useRef } from 'preact/hooks';

interface Props {
  attach(canvas: HTMLCanvasElement): Promise<void>;
  aspect: number;
  empty: boolean;
}

/** The live preview. Mounted anew for every engine worker, since a canvas can be handed over only once. */
export function Preview({ attach, aspect, empty }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void attach(canvas.current).catch(() => {});
  }, []);
  return (
    <div class={empty ? 'preview empty' : 'preview'} style={{ aspectRatio: String(aspect) }}>
      <canvas ref={canvas} aria-label="Live preview" />
      {empty && <p class="placeholder">Select a frame, group or image in Figma.</p>}
    </div>
  );
}
