// Golden images: a few templates on the astronaut photo, from the Node
// analysis's layers and the planner's frames, drawn by the layered renderer in
// headless Chromium and compared with reviewed PNGs in test/golden/. A missing
// PNG is written (and the test says so); UPDATE_GOLDEN=1 rewrites them all.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../cli/image-file';
import { analyseImage } from '../../engine/analysis/analyse';
import { OnnxModels } from '../../engine/analysis/onnx-models';
import { nodeOrt } from '../../engine/analysis/ort-node';
import type { Plane, RgbaImage } from '../../engine/analysis/types';
import { planClip } from '../../engine/motion/plan';
import type { PictureInfo } from '../../engine/motion/types';
import { DEFAULT_PARAMS, type RenderParams, type TemplateId } from '../../engine/params';
import { pictureInfo } from '../../engine/picture-info';
import { prepareScene } from '../../engine/scene/background';
import type { SceneLayers } from '../../engine/scene/types';
import { buildModels } from '../../models/build-models';
import { root } from './browser';
import { useBundledPage } from './bundled-page';
import type { GoldenJob, WirePlane } from './golden-page';

const GOLDEN = join(root, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const params: RenderParams = { ...DEFAULT_PARAMS, duration: 1, fps: 24, width: 160, height: 90 };
/** Mid-move and the last frame: the effects (blur, grain, vignette) are strongest late in the clip. */
const FRAMES = [12, 23];
const TEMPLATES: TemplateId[] = ['zoom-in', 'parallax-orbit', 'portrait-focus', 'film'];
/**
 * Per channel, in 8-bit levels. A real GPU and SwiftShader round and filter
 * differently by a level or two over most of the picture, more at sharp edges
 * (the mask's matte, the grain's dots): the mean and the 99th percentile
 * allow that, and a change worth seeing still fails: intensity 0.6 → 0.7 gives
 * means of 6–16 and 99th percentiles of 50–126. Same machine, same build: both measure 0.
 */
const MEAN_LIMIT = 1.5;
const P99_LIMIT = 8;

const bundledPage = useBundledPage(new URL('./golden-page.ts', import.meta.url), 'goldenTest');
let image: RgbaImage;
let layers: SceneLayers;
let info: PictureInfo;

const wire = (width: number, height: number, data: Uint8Array | Uint8ClampedArray | Float32Array): WirePlane => ({
  width,
  height,
  data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
});
const wirePlane = (p: Plane) => wire(p.width, p.height, p.data);

beforeAll(async () => {
  const models = new OnnxModels(nodeOrt(), Object.fromEntries(buildModels().map((m) => [m.id, m.onnx])));
  image = decodeImageFile(readFileSync(join(root, 'test/fixtures/astronaut.png')));
  const analysis = await analyseImage(image, models);
  models.dispose();
  layers = prepareScene(image, analysis);
  info = pictureInfo(analysis, image);
});

async function render(p: RenderParams): Promise<Uint8Array[]> {
  const plan = planClip(p, image, info);
  const job: GoldenJob = {
    out: { width: p.width, height: p.height },
    image: wire(image.width, image.height, image.data),
    layers: {
      depth: wirePlane(layers.depth),
      mask: wirePlane(layers.mask),
      backgroundColour: wire(layers.background.colour.width, layers.background.colour.height, layers.background.colour.data),
      backgroundDepth: wirePlane(layers.background.depth),
      hole: wirePlane(layers.hole),
    },
    // As the export does: never less than one source pixel per output pixel.
    minSourcePerOutput: Math.max(1, plan.minSourcePerOutput()),
    frames: FRAMES.map((i) => plan.frameAt(i)),
  };
  const frames = await bundledPage().evaluate((j) => (window as unknown as { goldenTest: typeof import('./golden-page') }).goldenTest.render(j), job);
  return frames.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
}

/** Per channel (RGB): the mean absolute difference and its 99th percentile. */
function difference(a: Uint8Array, b: Uint8Array): { mean: number; p99: number }[] {
  return [0, 1, 2].map((c) => {
    const d: number[] = [];
    for (let i = c; i < a.length; i += 4) d.push(Math.abs(a[i]! - b[i]!));
    d.sort((x, y) => x - y);
    return { mean: d.reduce((s, v) => s + v, 0) / d.length, p99: d[Math.floor(0.99 * (d.length - 1))]! };
  });
}

function readGolden(path: string): Uint8Array {
  const png = PNG.sync.read(readFileSync(path));
  expect([png.width, png.height]).toEqual([params.width, params.height]);
  return new Uint8Array(png.data);
}

function writeGolden(path: string, rgba: Uint8Array): void {
  const png = new PNG({ width: params.width, height: params.height });
  png.data = Buffer.from(rgba);
  mkdirSync(GOLDEN, { recursive: true });
  writeFileSync(path, PNG.sync.write(png));
  console.log(`golden image written: ${path} (review it and commit it)`);
}

describe('golden images of templates on the astronaut photo (layered renderer)', () => {
  it.each(TEMPLATES)('%s matches its golden frames', async (template) => {
    const frames = await render({ ...params, template });
    for (const [k, frame] of frames.entries()) {
      const path = join(GOLDEN, `${template}-${FRAMES[k]}.png`);
      if (UPDATE || !existsSync(path)) {
        writeGolden(path, frame);
        continue;
      }
      const diff = difference(frame, readGolden(path));
      console.log(`${template} frame ${FRAMES[k]}: ${diff.map((d) => `mean ${d.mean.toFixed(3)} p99 ${d.p99}`).join(', ')}`);
      for (const d of diff) {
        expect(d.mean, `${path}: mean difference`).toBeLessThanOrEqual(MEAN_LIMIT);
        expect(d.p99, `${path}: 99th percentile difference`).toBeLessThanOrEqual(P99_LIMIT);
      }
    }
  });
});
