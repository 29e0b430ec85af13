// The analysis stage on the fixture photos, under Node, with the shipped
// models: faces where there are faces, the subject in the mask, the subject
// in front in the depth. Regions are drawn by hand in test/fixtures/regions.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../cli/image-file';
import { analyseImage, type Analysis } from '../../engine/analysis/analyse';
import { OnnxModels } from '../../engine/analysis/onnx-models';
import { nodeOrt } from '../../engine/analysis/ort-node';
import type { Plane } from '../../engine/analysis/types';
import { buildModels } from '../../models/build-models';
import regions from '../fixtures/regions.json';

type Box = [number, number, number, number];
interface Regions {
  face?: Box;
  subject: Box[];
  background: Box[];
}
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function meanIn(plane: Plane, [x, y, w, h]: Box): number {
  let sum = 0;
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) sum += plane.data[j * plane.width + i]!;
  return sum / (w * h);
}

describe('analysis of the fixture photos (Node)', () => {
  let models: OnnxModels;
  const results = new Map<string, Analysis>();
  beforeAll(async () => {
    models = new OnnxModels(nodeOrt(), Object.fromEntries(buildModels().map((m) => [m.id, m.onnx])));
    for (const name of ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg']) {
      results.set(name, await analyseImage(decodeImageFile(readFileSync(join(FIXTURES, name))), models));
    }
  }, 120_000);
  afterAll(() => models.dispose());

  it('finds the astronaut’s face with a score of at least 0.8, where her face is', () => {
    const a = results.get('astronaut.png')!;
    const [fx, fy, fw, fh] = (regions['astronaut.png'] as Regions).face!;
    expect(a.faces).toHaveLength(1);
    const face = a.faces[0]!;
    expect(face.score).toBeGreaterThanOrEqual(0.8);
    const cx = face.x + face.w / 2;
    const cy = face.y + face.h / 2;
    expect(cx).toBeGreaterThan(fx);
    expect(cx).toBeLessThan(fx + fw);
    expect(cy).toBeGreaterThan(fy);
    expect(cy).toBeLessThan(fy + fh);
    expect(face.w).toBeGreaterThan(fw * 0.6);
    expect(face.w).toBeLessThan(fw * 1.4);
    expect(a.focus.source).toBe('face');
    expect(a.subject).toBe('person');
  });

  for (const name of ['chelsea.png', 'coffee.png', 'rocket.jpg']) {
    it(`finds no face above 0.5 in ${name}`, () => {
      expect(results.get(name)!.faces.filter((f) => f.score > 0.5)).toEqual([]);
    });
  }

  for (const name of ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg']) {
    it(`puts the subject of ${name} in the mask and in front of the background, at the image's size`, () => {
      const a = results.get(name)!;
      const r = (regions as unknown as Record<string, Regions>)[name]!;
      const image = decodeImageFile(readFileSync(join(FIXTURES, name)));
      expect([a.mask.width, a.mask.height, a.depth.width, a.depth.height]).toEqual([image.width, image.height, image.width, image.height]);
      for (const box of r.subject) expect(meanIn(a.mask, box)).toBeGreaterThan(0.8);
      for (const box of r.background) expect(meanIn(a.mask, box)).toBeLessThan(0.2);
      const nearestBackground = Math.max(...r.background.map((b) => meanIn(a.depth, b)));
      for (const box of r.subject) expect(meanIn(a.depth, box)).toBeGreaterThan(nearestBackground + 0.1);
      expect(a.focus.x).toBeGreaterThanOrEqual(0);
      expect(a.focus.x).toBeLessThanOrEqual(image.width);
      expect(a.focus.y).toBeGreaterThanOrEqual(0);
      expect(a.focus.y).toBeLessThanOrEqual(image.height);
    });
  }
});
