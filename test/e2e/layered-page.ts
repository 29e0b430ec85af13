// Bundled into a blank page by layered-renderer.test.ts: renders frames of the
// synthetic scene with the layered renderer (or the 2D GlRenderer, for
// comparison) into an OffscreenCanvas and returns the pixels, top row first.
import type { RgbaImage } from '../../engine/analysis/types';
import type { FrameSpec, Size } from '../../engine/motion/types';
import { GlRenderer } from '../../engine/render/gl-renderer';
import { LayeredRenderer } from '../../engine/render/layered-renderer';
import { sceneImage, sceneLayers } from './layered-scene';

export interface RenderJob {
  renderer: 'layered' | 'gl';
  out: Size;
  layers: boolean;
  striped: boolean;
  sloping: boolean;
  minSourcePerOutput: number;
  frames: FrameSpec[];
}

function bitmap(image: RgbaImage): Promise<ImageBitmap> {
  const data = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  return createImageBitmap(data, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Each frame's RGBA pixels, base64. */
export async function render(job: RenderJob): Promise<string[]> {
  const canvas = new OffscreenCanvas(job.out.width, job.out.height);
  const image = await bitmap(sceneImage(job.striped));
  const pixels = new Uint8Array(job.out.width * job.out.height * 4);
  const frames: string[] = [];
  if (job.renderer === 'gl') {
    const gl = new GlRenderer(canvas);
    gl.setSource(image, job.minSourcePerOutput);
    for (const f of job.frames) {
      gl.draw(f.pose.view, true);
      gl.read(pixels);
      frames.push(base64(pixels));
    }
    gl.dispose();
    return frames;
  }
  const renderer = new LayeredRenderer(canvas);
  renderer.setScene(image, job.layers ? sceneLayers(job.sloping) : null, job.minSourcePerOutput);
  for (const f of job.frames) {
    renderer.draw(f, true);
    renderer.read(pixels);
    frames.push(base64(pixels));
  }
  renderer.dispose();
  return frames;
}
