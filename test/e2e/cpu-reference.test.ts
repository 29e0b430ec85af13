// The CPU reference renderer agrees with the GPU renderer: the same photo and
// views drawn by GlRenderer in real headless Chromium (WebGL2) and by
// renderView under Node, compared pixel by pixel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../../cli/chromium';
import { decodeImageFile } from '../../cli/image-file';
import type { Size, View } from '../../engine/motion/types';
import type { GlRenderer } from '../../engine/render/gl-renderer';
import { reduceSource, renderView } from '../../engine/scene/cpu-render';
import { root } from './browser';

declare global {
  interface Window {
    stillmotionGpu: { GlRenderer: typeof GlRenderer };
  }
}

interface Case {
  name: string;
  view: View;
  out: Size;
  minSourcePerOutput: number;
}

const photo = decodeImageFile(new Uint8Array(readFileSync(join(root, 'test/fixtures/coffee.png'))));
const CASES: Case[] = [
  { name: 'identity', view: { cx: 300, cy: 200, w: 600, h: 400 }, out: { width: 600, height: 400 }, minSourcePerOutput: 1 },
  { name: 'sub-pixel pan', view: { cx: 300.37, cy: 200.23, w: 480, h: 320 }, out: { width: 480, height: 320 }, minSourcePerOutput: 1 },
  { name: '1.3x magnify', view: { cx: 310.2, cy: 190.7, w: 480 / 1.3, h: 320 / 1.3 }, out: { width: 480, height: 320 }, minSourcePerOutput: 1 },
  { name: '0.6x minify', view: { cx: 300, cy: 200, w: 600, h: 400 }, out: { width: 360, height: 240 }, minSourcePerOutput: 1 },
  { name: 'reduced once, then minified', view: { cx: 301.1, cy: 198.4, w: 570, h: 380 }, out: { width: 120, height: 80 }, minSourcePerOutput: 4.5 },
];

/**
 * Per-channel tolerance in 8-bit levels. Both sides compute the same kernels;
 * the GPU in 32-bit floats (the CPU in 64), with its own sRGB decode, encode
 * and rounding, so a value near a rounding boundary may land one level apart,
 * and the reduction's 8-bit intermediate can carry such a level into the next
 * pass. Measured on SwiftShader: at most 1 level, mean at most 0.011; the
 * margin is for GPUs whose sRGB conversion is a table. Skipping the reduction
 * on the CPU side would differ by up to 88 levels.
 */
const MAX_LEVELS = 2;
const MEAN_LEVELS = 0.05;

const toBase64 = (bytes: Uint8Array | Uint8ClampedArray) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** GlRenderer bundled for an empty page, as window.stillmotionGpu. */
async function bundleGpu(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { GlRenderer } from './engine/render/gl-renderer'; window.stillmotionGpu = { GlRenderer };",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
  });
  return result.outputFiles[0]!.text;
}

describe('CPU reference renderer', () => {
  let browser: Browser;
  let gpuFrames: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.addScriptTag({ content: await bundleGpu() });
    gpuFrames = await page.evaluate(
      async ({ rgba, width, height, cases }) => {
        const bytes = Uint8ClampedArray.from(atob(rgba), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new ImageData(bytes, width, height), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
        // The one place that knows the GPU renderer's API: a FrameRenderer would take
        // setScene(bitmap, null, minSourcePerOutput) and a FrameSpec of { view, shift: 0 } with no effects.
        const drawView = (renderer: GlRenderer, view: View, minSourcePerOutput: number) => {
          renderer.setSource(bitmap, minSourcePerOutput);
          renderer.draw(view, true);
        };
        return cases.map(({ view, out, minSourcePerOutput }) => {
          const renderer = new window.stillmotionGpu.GlRenderer(new OffscreenCanvas(out.width, out.height));
          drawView(renderer, view, minSourcePerOutput);
          const pixels = new Uint8Array(out.width * out.height * 4);
          renderer.read(pixels);
          renderer.dispose();
          let binary = '';
          for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode(...pixels.subarray(i, i + 0x8000));
          return btoa(binary);
        });
      },
      { rgba: toBase64(photo.data), width: photo.width, height: photo.height, cases: CASES },
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('agrees with the GPU renderer: $name', ({ view, out, minSourcePerOutput, i }) => {
    const source = reduceSource(photo, minSourcePerOutput);
    const cpu = renderView(source.image, view, out, source.reduction);
    const gpu = new Uint8Array(Buffer.from(gpuFrames[i]!, 'base64'));
    expect(gpu).toHaveLength(cpu.length);
    let max = 0;
    let sum = 0;
    for (let p = 0; p < cpu.length; p++) {
      const d = Math.abs(cpu[p]! - gpu[p]!);
      max = Math.max(max, d);
      sum += d;
    }
    expect(max).toBeLessThanOrEqual(MAX_LEVELS);
    expect(sum / cpu.length).toBeLessThanOrEqual(MEAN_LEVELS);
  });
});
