import { describe, expect, it } from 'vitest';
import { LONG_SIDES, matchAspect, sizeChoices } from '../../ui/output-size';

const landscape = { width: 600, height: 400 };

describe('matchAspect', () => {
  it('finds the fixed preset a size was made with, whatever the image', () => {
    expect(matchAspect({ width: 1280, height: 720 }, null)).toBe('16:9');
    expect(matchAspect({ width: 1080, height: 1350 }, null)).toBe('4:5');
    expect(matchAspect({ width: 1080, height: 1920 }, landscape)).toBe('9:16');
    expect(matchAspect({ width: 640, height: 640 }, landscape)).toBe('1:1');
  });

  it("finds `source` only for the image's own aspect", () => {
    expect(matchAspect({ width: 1200, height: 800 }, landscape)).toBe('source');
    expect(matchAspect({ width: 1200, height: 800 }, null)).toBeNull();
    expect(matchAspect({ width: 1200, height: 800 }, { width: 500, height: 400 })).toBeNull();
  });
});

describe('sizeChoices', () => {
  it("lists every long side at the aspect, the image's for `source`", () => {
    const wide = sizeChoices('16:9', { width: 1280, height: 720 }, null);
    expect(wide).toHaveLength(LONG_SIDES.length);
    expect(wide).toContainEqual({ width: 640, height: 360 });
    expect(wide).toContainEqual({ width: 1920, height: 1080 });
    expect(sizeChoices('source', { width: 1200, height: 800 }, landscape)).toContainEqual({ width: 960, height: 640 });
  });

  it('keeps a current size that no long side gives, first', () => {
    expect(sizeChoices('16:9', { width: 320, height: 180 }, null)[0]).toEqual({ width: 320, height: 180 });
    expect(sizeChoices(null, { width: 500, height: 300 }, landscape)).toEqual([{ width: 500, height: 300 }]);
    expect(sizeChoices('source', { width: 500, height: 300 }, null)).toEqual([{ width: 500, height: 300 }]);
  });
});
