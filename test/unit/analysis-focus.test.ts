import { describe, expect, it } from 'vitest';
import { focusPoint } from '../../engine/analysis/focus';
import type { FaceBox, Plane } from '../../engine/analysis/types';

/** A plane of zeros with `value` on the pixels of [x0, x1) × [y0, y1). */
function block(w: number, h: number, x0: number, y0: number, x1: number, y1: number, value = 1): Plane {
  const data = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * w + x] = value;
  return { width: w, height: h, data };
}

function face(x: number, y: number, size: number, score: number, eyes?: [number, number, number, number]): FaceBox {
  const keypoints = eyes ? [{ x: eyes[0], y: eyes[1] }, { x: eyes[2], y: eyes[3] }] : [];
  return { x, y, w: size, h: size, score, keypoints };
}

describe('focusPoint', () => {
  const subject = block(32, 32, 8, 4, 16, 12);
  const saliency = block(16, 16, 3, 5, 4, 6);

  it('aims at the eyes of a face before anything else', () => {
    const p = focusPoint({ faces: [face(10, 20, 40, 0.9, [24, 34, 36, 36])], subject, saliency, width: 128, height: 64 });
    expect(p).toEqual({ x: 30, y: 35, source: 'face' });
  });

  it('takes the eye line 40 % down the box when a face has no keypoints', () => {
    expect(focusPoint({ faces: [face(10, 20, 40, 0.9)], subject: null, saliency: null, width: 128, height: 64 })).toEqual({ x: 30, y: 36, source: 'face' });
  });

  it('frames faces of a similar size together, weighted by score, and leaves out small or doubtful ones', () => {
    const faces = [face(0, 0, 20, 0.9), face(100, 0, 20, 0.6), face(50, 50, 6, 0.95), face(200, 0, 20, 0.3)];
    const p = focusPoint({ faces, subject: null, saliency: null, width: 256, height: 128 });
    // The 6-px face scores best, and no other face is its size: it alone is framed.
    expect(p).toEqual({ x: 53, y: 50 + 0.4 * 6, source: 'face' });
    // Without it the two 20-px faces (eyes at x 10 and 110) share the frame; the 0.3 one is under half the best score.
    const group = focusPoint({ faces: faces.slice(0, 2).concat(faces[3]!), subject: null, saliency: null, width: 256, height: 128 });
    expect(group.x).toBeCloseTo((0.9 * 10 + 0.6 * 110) / 1.5, 9);
    expect(group.y).toBeCloseTo(8, 9);
  });

  it('takes the subject mask centre of mass, scaled to the output size, before saliency', () => {
    // The block's centre is (12, 8) in a 32² plane: ×4 across and ×2 down for 128 × 64.
    expect(focusPoint({ faces: [], subject, saliency, width: 128, height: 64 })).toEqual({ x: 48, y: 16, source: 'subject' });
  });

  it('falls back to saliency when the subject is too small to count', () => {
    const speck = block(32, 32, 0, 0, 1, 1);
    // The salient pixel (3, 5) of a 16² plane has its centre at (3.5, 5.5): ×8 and ×4 for 128 × 64.
    expect(focusPoint({ faces: [], subject: speck, saliency, width: 128, height: 64 })).toEqual({ x: 28, y: 22, source: 'saliency' });
  });

  it('weights saliency by its square, so a strong peak beats a faint wide floor', () => {
    const data = new Float32Array(100).fill(0.1);
    data[0] = 1;
    const p = focusPoint({ faces: [], subject: null, saliency: { width: 10, height: 10, data }, width: 10, height: 10 });
    // Squared: the peak weighs 1, the other 99 pixels 0.01 each.
    expect(p.x).toBeCloseTo((1 * 0.5 + 0.01 * (5 * 100 - 0.5)) / (1 + 0.99), 6);
  });

  it('aims at the image centre when there is nothing to go on', () => {
    const empty = block(8, 8, 0, 0, 0, 0);
    expect(focusPoint({ faces: [], subject: empty, saliency: empty, width: 300, height: 200 })).toEqual({ x: 150, y: 100, source: 'saliency' });
  });
});
