import { describe, expect, it } from 'vitest';
import { SRGB_TO_LINEAR, linearToSrgb8 } from '../../engine/scene/srgb';

const curve = (c: number) => (c < 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

describe('sRGB conversion', () => {
  it('decodes the 8-bit levels by the sRGB curve', () => {
    expect(SRGB_TO_LINEAR[0]).toBe(0);
    expect(SRGB_TO_LINEAR[255]).toBe(1);
    expect(SRGB_TO_LINEAR[10]).toBeCloseTo(10 / 255 / 12.92, 7);
    expect(SRGB_TO_LINEAR[188]).toBeCloseTo(((188 / 255 + 0.055) / 1.055) ** 2.4, 7);
  });

  it('encodes as the curve then rounding does, for every level and both sides of every rounding boundary', () => {
    const wrong: number[] = [];
    for (let i = 0; i <= 200_000; i++) {
      const v = i / 200_000;
      if (linearToSrgb8(v) !== Math.round(255 * curve(v))) wrong.push(v);
    }
    for (let k = 0; k < 256; k++) {
      if (linearToSrgb8(SRGB_TO_LINEAR[k]!) !== k) wrong.push(k);
      // Just either side of the light where the curve crosses k + 0.5 levels.
      const s = (k + 0.5) / 255;
      const boundary = s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      for (const v of [boundary * (1 - 1e-9), boundary * (1 + 1e-9)]) {
        if (v <= 1 && linearToSrgb8(v) !== Math.round(255 * curve(v))) wrong.push(v);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('clamps out-of-range light', () => {
    expect([linearToSrgb8(-0.2), linearToSrgb8(1.7), linearToSrgb8(Number.NaN)]).toEqual([0, 255, 0]);
  });
});
