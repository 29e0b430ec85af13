import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { createFakeFigma, solid } from '../../host/fake-figma';
import { classify, exportScale, MAX_EXPORT_SIDE, plainImagePaint, wantedSide } from '../../plugin/selection';

const params = (width: number, height: number): RenderParams => ({ ...DEFAULT_PARAMS, width, height });
const image = { bytes: new Uint8Array([1]), width: 1000, height: 800 };

describe('wantedSide', () => {
  it('is 1.5 × the output’s longest side, capped at Figma’s 4096 px', () => {
    expect(wantedSide(params(1280, 720))).toBe(1920);
    expect(wantedSide(params(720, 1280))).toBe(1920);
    expect(wantedSide(params(2048, 2048))).toBe(3072);
    expect(wantedSide(params(3840, 2160))).toBe(MAX_EXPORT_SIDE);
  });
});

describe('exportScale', () => {
  const fake = createFakeFigma();

  it('brings the longest side to the wanted size', () => {
    expect(exportScale(fake.frame({ width: 800, height: 600 }), params(1280, 720))).toBe(2.4);
    expect(exportScale(fake.frame({ width: 600, height: 3840 }), params(1280, 720))).toBe(0.5);
  });

  it('never upscales more than 4×', () => {
    expect(exportScale(fake.frame({ width: 100, height: 50 }), params(1280, 720))).toBe(4);
  });

  it('keeps the exported longest side within 4096 px', () => {
    for (const side of [1000, 1024, 2048, 5000, 100_000]) {
      const node = fake.frame({ width: side, height: side / 2 });
      expect(side * exportScale(node, params(3840, 2160))).toBeLessThanOrEqual(MAX_EXPORT_SIDE);
    }
    expect(exportScale(fake.frame({ width: 2048, height: 10 }), params(3840, 2160))).toBe(2);
  });

  it('measures the render bounds, which include shadows and rotation', () => {
    const shadowed = fake.frame({ width: 800, height: 600, absoluteRenderBounds: { x: -40, y: -40, width: 960, height: 680 } });
    expect(exportScale(shadowed, params(1280, 720))).toBe(2);
  });
});

describe('classify', () => {
  const fake = createFakeFigma();

  it('accepts frames, image nodes, text and lines that draw something', () => {
    expect(classify(fake.frame())).toEqual({ usable: true });
    expect(classify(fake.imageRect(image))).toEqual({ usable: true });
    expect(classify(fake.addNode({ type: 'TEXT', width: 100, height: 20, fills: [solid(0, 0, 0)] }))).toEqual({ usable: true });
    const line = fake.addNode({ type: 'LINE', width: 100, height: 0, fills: [], strokes: [solid(0, 0, 0)] });
    expect(classify(line)).toEqual({ usable: true });
    const outlined = fake.addNode({ type: 'VECTOR', width: 10, height: 10, fills: [], strokes: [solid(0, 0, 0)] });
    expect(classify(outlined)).toEqual({ usable: true });
  });

  it('rejects nodes with no visible pixels', () => {
    const noPixels = { usable: false, reason: 'no-pixels' };
    expect(classify(fake.invisible())).toEqual(noPixels);
    expect(classify(fake.emptyVector())).toEqual(noPixels);
    expect(classify(fake.zeroSize())).toEqual(noPixels);
    expect(classify(fake.addNode({ type: 'RECTANGLE', width: 10, height: 0, fills: [solid(0, 0, 0)] }))).toEqual(noPixels);
    const hiddenPaints = fake.addNode({
      type: 'TEXT',
      width: 100,
      height: 20,
      fills: [{ ...solid(0, 0, 0), visible: false }, { ...solid(1, 0, 0), opacity: 0 }],
      strokes: [solid(0, 0, 0)],
      strokeWeight: 0,
    });
    expect(classify(hiddenPaints)).toEqual(noPixels);
    const emptyGroup = fake.addNode({ type: 'GROUP', width: 10, height: 10, children: [fake.invisible()] });
    expect(classify(emptyGroup)).toEqual(noPixels);
  });

  it('accepts a frame without fills that has a visible child, and a group', () => {
    const child = fake.imageRect(image);
    expect(classify(fake.frame({ fills: [], children: [child] }))).toEqual({ usable: true });
    expect(classify(fake.addNode({ type: 'GROUP', width: 10, height: 10, children: [child] }))).toEqual({ usable: true });
  });

  it('rejects a node too large to render at any useful scale', () => {
    expect(classify(fake.huge())).toEqual({ usable: false, reason: 'too-large' });
    expect(classify(fake.frame({ width: 1_000_000, height: 10 }))).toEqual({ usable: true });
  });
});

describe('plainImagePaint', () => {
  const fake = createFakeFigma();

  it('finds the one image of a plain image holder', () => {
    for (const scaleMode of ['FILL', 'FIT'] as const) {
      const paint = plainImagePaint(fake.imageRect(image, { scaleMode }));
      expect(paint).toMatchObject({ type: 'IMAGE', scaleMode });
    }
    const withHiddenExtras = fake.imageRect(image, {
      strokes: [{ ...solid(0, 0, 0), visible: false }],
      effects: [{ type: 'DROP_SHADOW', visible: false } as Effect],
    });
    expect(plainImagePaint(withHiddenExtras)).not.toBeNull();
  });

  it('refuses anything that changes the image’s pixels', () => {
    const paint = (over: Partial<ImagePaint>): Paint[] => [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: 'ab', ...over }];
    const cases: SceneNode[] = [
      fake.imageRect(image, { scaleMode: 'CROP' }),
      fake.imageRect(image, { scaleMode: 'TILE' }),
      fake.imageRect(image, { strokes: [solid(0, 0, 0)] }),
      fake.imageRect(image, { effects: [{ type: 'LAYER_BLUR', visible: true } as Effect] }),
      fake.imageRect(image, { rotation: 90 }),
      fake.imageRect(image, { opacity: 0.9 }),
      fake.imageRect(image, { children: [fake.frame()] }),
      fake.addNode({ type: 'RECTANGLE', width: 10, height: 10, fills: [solid(1, 1, 1), ...paint({})] }),
      fake.addNode({ type: 'RECTANGLE', width: 10, height: 10, fills: paint({ opacity: 0.5 }) }),
      fake.addNode({ type: 'RECTANGLE', width: 10, height: 10, fills: paint({ filters: { exposure: 0.2 } }) }),
      fake.addNode({ type: 'RECTANGLE', width: 10, height: 10, fills: paint({ imageHash: null }) }),
      fake.addNode({ type: 'VECTOR', width: 10, height: 10, fills: paint({}) }),
      fake.addNode({ type: 'RECTANGLE', width: 10, height: 10, fills: [solid(1, 1, 1)] }),
    ];
    for (const node of cases) expect(plainImagePaint(node)).toBeNull();
  });

  it('accepts neutral image filters', () => {
    const fills: Paint[] = [{ type: 'IMAGE', scaleMode: 'FIT', imageHash: 'ab', filters: { exposure: 0, contrast: 0 } }];
    expect(plainImagePaint(fake.addNode({ type: 'ELLIPSE', width: 10, height: 10, fills }))).not.toBeNull();
  });
});
