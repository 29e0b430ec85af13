// Bundled into a blank page by golden.test.ts: renders planned frames of a
// photo with the layers its Node analysis made, with the layered renderer,
// and returns the pixels, top row first.
import type { Plane, RgbaImage } from '../../engine/analysis/types';
import type { FrameSpec, Size } from '../../engine/motion/types';
import { LayeredRenderer } from '../../engine/render/layered-renderer';
import type { SceneLayers } from '../../engine/scene/types';

/** Planes and pixels travel as base64 of their bytes. */
export interface WirePlane {
  width: number;
  height: number;
  data: string;
}

export interface GoldenJob {
  out: Size;
  image: WirePlane;
  layers: { depth: WirePlane; mask: WirePlane; backgroundColour: WirePlane; backgroundDepth: WirePlane; hole: WirePlane };
  minSourcePerOutput: number;
  frames: FrameSpec[];
}

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const rgba = (w: WirePlane): RgbaImage => ({ width: w.width, height: w.height, data: new Uint8ClampedArray(bytes(w.data).buffer) });
const plane = (w: WirePlane): Plane => ({ width: w.width, height: w.height, data: new Float32Array(bytes(w.data).buffer) });

function base64(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Each frame's RGBA pixels, base64. */
export async function render(job: GoldenJob): Promise<string[]> {
  const image = rgba(job.image);
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), {
    premultiplyAlpha: 'none',
    colorSpaceConversion: 'none',
  });
  const { depth, mask, backgroundColour, backgroundDepth, hole } = job.layers;
  const layers: SceneLayers = {
    width: depth.width,
    height: depth.height,
    depth: plane(depth),
    mask: plane(mask),
    background: { colour: rgba(backgroundColour), depth: plane(backgroundDepth) },
    hole: plane(hole),
  };
  const renderer = new LayeredRenderer(new OffscreenCanvas(job.out.width, job.out.height));
  renderer.setScene(bitmap, layers, job.minSourcePerOutput);
  const pixels = new Uint8Array(job.out.width * job.out.height * 4);
  const frames = job.frames.map((f) => {
    renderer.draw(f, true);
    renderer.read(pixels);
    return base64(pixels);
  });
  renderer.dispose();
  return frames;
}
