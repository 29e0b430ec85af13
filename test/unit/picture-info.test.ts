import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../engine/analysis/analyse';
import type { Plane } from '../../engine/analysis/types';
import { pictureInfo, samplePlane, subjectBox } from '../../engine/picture-info';

function plane(width: number, height: number, at: (x: number, y: number) => number): Plane {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = at(x, y);
  return { width, height, data };
}

const square = plane(100, 50, (x, y) => (x >= 20 && x < 40 && y >= 10 && y < 30 ? 1 : 0));

describe('subjectBox', () => {
  it('bounds the subject pixels', () => {
    expect(subjectBox(square)).toEqual({ x: 20, y: 10, w: 20, h: 20 });
  });
  it('ignores a stray speck far away', () => {
    const speck = plane(100, 50, (x, y) => (square.data[y * 100 + x]! || (x === 95 && y === 45) ? 1 : 0));
    expect(subjectBox(speck)).toEqual({ x: 20, y: 10, w: 20, h: 20 });
  });
  it('is null without a subject', () => {
    expect(subjectBox(plane(100, 50, () => 0.2))).toBeNull();
  });
});

describe('samplePlane', () => {
  it('interpolates between pixel centres and clamps at the edges', () => {
    const ramp = plane(4, 1, (x) => x);
    expect(samplePlane(ramp, 0.5, 0.5)).toBe(0);
    expect(samplePlane(ramp, 1.5, 0.5)).toBe(1);
    expect(samplePlane(ramp, 2, 0.5)).toBeCloseTo(1.5);
    expect(samplePlane(ramp, -3, 0.5)).toBe(0);
    expect(samplePlane(ramp, 10, 0.5)).toBe(3);
  });
});

describe('pictureInfo', () => {
  const base: Analysis = {
    width: 100,
    height: 50,
    mask: square,
    depth: plane(100, 50, (x) => x / 99),
    faces: [],
    focus: { x: 30, y: 20, source: 'subject' },
    subject: 'salient',
    depthSource: 'layers',
    layers: 1,
    ms: { prepare: 0, segmentation: 0, faces: 0, saliency: 0, depth: 0, upsample: 0, total: 0 },
  };

  it('scales the focus, the subject box and depth lookups to the image', () => {
    const info = pictureInfo(base, { width: 400, height: 200 });
    expect(info.focus).toEqual({ x: 120, y: 80 });
    expect(info.keep).toEqual({ x: 80, y: 40, w: 80, h: 80 });
    expect(info.face).toBeNull();
    expect(info.depthAt!(2, 100)).toBeCloseTo(0);
    expect(info.depthAt!(398, 100)).toBeCloseTo(1);
  });

  it('keeps the faces, not the whole subject, and names the largest', () => {
    const face = (x: number, w: number) => ({ x, y: 5, w, h: w, score: 0.9, keypoints: [] });
    const info = pictureInfo({ ...base, faces: [face(10, 10), face(60, 20)] }, { width: 200, height: 100 });
    expect(info.keep).toEqual({ x: 20, y: 10, w: 140, h: 40 });
    expect(info.face).toEqual({ x: 120, y: 10, w: 40, h: 40 });
  });
});
