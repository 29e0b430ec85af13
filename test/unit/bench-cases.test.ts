import { describe, expect, it } from 'vitest';
import { CASE_IDS, selectCases } from '../../bench/cases';

describe('benchmark cases', () => {
  it('are the issue’s four at full size, or one chosen', () => {
    expect(selectCases([], false).map((c) => [c.id, c.params.width, c.params.height, c.params.duration, c.params.format])).toEqual([
      ['zoom-1080p', 1920, 1080, 5, 'mp4'],
      ['dolly-1080p', 1920, 1080, 5, 'mp4'],
      ['zoom-4k', 3840, 2160, 10, 'mp4'],
      ['gif-1080p', 1920, 1080, 3, 'gif'],
    ]);
    expect(selectCases(['zoom-4k'], false).map((c) => c.id)).toEqual(['zoom-4k']);
    expect(() => selectCases(['zoom-8k'], false)).toThrow(/unknown case/);
  });

  it('shrink for --quick, and only shorten for --seconds, saying so', () => {
    expect(selectCases(CASE_IDS, true).every((c) => c.params.width === 640 && c.params.duration === 1)).toBe(true);
    const [k4] = selectCases(['zoom-4k'], false, 2);
    expect(k4!.params).toMatchObject({ width: 3840, height: 2160, duration: 2, fps: 30 });
    expect(k4!.label).toMatch(/shortened to 2 s/);
    expect(() => selectCases(['zoom-4k'], false, 0.5)).toThrow(/--seconds/);
  });
});
