// The 3D templates on the fixture photos' real analysis (Node, shipped models):
// the background layer, which must never tear, stays unstretched at every
// frame at full intensity; the foreground does tear at depth edges (the
// renderer cuts those cells away), which the measure must see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../cli/image-file';
import { analyseImage } from '../../engine/analysis/analyse';
import { OnnxModels } from '../../engine/analysis/onnx-models';
import { nodeOrt } from '../../engine/analysis/ort-node';
import { planClip } from '../../engine/motion/plan';
import type { ClipPlan } from '../../engine/motion/types';
import { DEFAULT_PARAMS, type RenderParams, type TemplateId } from '../../engine/params';
import { pictureInfo } from '../../engine/picture-info';
import { prepareScene } from '../../engine/scene/background';
import { stretchedShare } from '../../engine/scene/stretch';
import type { SceneLayers } from '../../engine/scene/types';
import { buildModels } from '../../models/build-models';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const PHOTOS = ['astronaut.png', 'rocket.jpg'];
const TEMPLATES_3D: TemplateId[] = ['parallax-dolly', 'parallax-orbit', 'dolly-zoom'];
const out = { width: 640, height: 360 };

describe('stretch of the 3D templates on the fixture photos (Node)', () => {
  let models: OnnxModels;
  const scenes = new Map<string, { layers: SceneLayers; plan: (id: TemplateId) => ClipPlan }>();
  beforeAll(async () => {
    models = new OnnxModels(nodeOrt(), Object.fromEntries(buildModels().map((m) => [m.id, m.onnx])));
    for (const name of PHOTOS) {
      const pixels = decodeImageFile(readFileSync(join(FIXTURES, name)));
      const analysis = await analyseImage(pixels, models);
      const info = pictureInfo(analysis, pixels);
      const params: RenderParams = { ...DEFAULT_PARAMS, ...out, duration: 2, fps: 24, intensity: 1 };
      scenes.set(name, { layers: prepareScene(pixels, analysis), plan: (template) => planClip({ ...params, template }, pixels, info) });
    }
  }, 120_000);
  afterAll(() => models.dispose());

  /** The largest stretched share of a depth plane over every 4th frame (the camera moves smoothly between them). */
  function worst(plan: ClipPlan, layers: SceneLayers, depth: 'background' | 'foreground'): number {
    const plane = depth === 'background' ? layers.background.depth : layers.depth;
    let most = 0;
    for (let i = 0; i < plan.frames; i += 4) most = Math.max(most, stretchedShare(plane, plan.frameAt(i), layers, out, 3));
    return most;
  }

  for (const name of PHOTOS) {
    for (const template of TEMPLATES_3D) {
      it(`${template} on ${name}: the background layer stays whole, the foreground tears at its edges`, () => {
        const { layers, plan } = scenes.get(name)!;
        const p = plan(template);
        const background = worst(p, layers, 'background');
        const foreground = worst(p, layers, 'foreground');
        console.log(`${name} ${template}: stretched share background ${(100 * background).toExponential(2)}%, foreground ${(100 * foreground).toFixed(3)}%`);
        expect(p.frameAt(p.frames - 1).depth.strength).toBeGreaterThan(0);
        // Measured exactly 0 at every frame on both photos. 0.1% leaves room for a few cells of a
        // model's new edge, and is below the foreground's share on every case (0.16%–4.7%), so
        // measuring the foreground depth in its place fails.
        expect(background).toBeLessThanOrEqual(0.001);
        expect(foreground).toBeGreaterThan(background);
      });
    }
  }
});
