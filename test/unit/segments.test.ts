import { describe, expect, it } from 'vitest';
import { splitFrames, workerBytes, workerCount } from '../../engine/encode/segments';
import { keyframeInterval } from '../../engine/encode/types';
import { LIMITS } from '../../engine/params';

const hd = { width: 1920, height: 1080, image: { width: 4000, height: 3000 } };

describe('splitFrames', () => {
  it('starts every range on a multiple of the keyframe interval and covers every frame once', () => {
    for (const frames of [1, 59, 60, 61, 90, 120, 121, 240, 899]) {
      for (const workers of [1, 2, 3, 4, 8]) {
        const ranges = splitFrames(frames, workers, 60);
        expect(ranges[0]!.start).toBe(0);
        expect(ranges.at(-1)!.end).toBe(frames);
        for (const [i, r] of ranges.entries()) {
          expect(r.start % 60).toBe(0);
          expect(r.end).toBeGreaterThan(r.start);
          if (i > 0) expect(r.start).toBe(ranges[i - 1]!.end);
        }
        expect(ranges.length).toBe(Math.min(workers, Math.ceil(frames / 60)));
      }
    }
  });

  it('shares whole GOPs evenly, the short last GOP in the last range', () => {
    expect(splitFrames(300, 2, 60)).toEqual([
      { start: 0, end: 180 },
      { start: 180, end: 300 },
    ]);
    expect(splitFrames(90, 3, 30)).toEqual([
      { start: 0, end: 30 },
      { start: 30, end: 60 },
      { start: 60, end: 90 },
    ]);
    expect(splitFrames(75, 2, 50)).toEqual([
      { start: 0, end: 50 },
      { start: 50, end: 75 },
    ]);
  });

  it('keeps a clip of one keyframe interval or less in one range', () => {
    expect(splitFrames(48, 4, keyframeInterval(24))).toEqual([{ start: 0, end: 48 }]);
    expect(splitFrames(30, 3, keyframeInterval(30))).toEqual([{ start: 0, end: 30 }]);
  });

  it('refuses nonsense', () => {
    expect(() => splitFrames(0, 2, 60)).toThrow(RangeError);
    expect(() => splitFrames(10, 2, 0)).toThrow(RangeError);
  });
});

describe('workerCount', () => {
  it('takes the requested number, within 1..maxWorkers', () => {
    expect(workerCount(1, { cores: 16, memoryGiB: 8 }, hd)).toBe(1);
    expect(workerCount(3, { cores: 2, memoryGiB: null }, hd)).toBe(3);
    expect(workerCount(99, { cores: 2, memoryGiB: null }, hd)).toBe(LIMITS.maxWorkers);
  });

  it('follows the cores when the host does not report its memory', () => {
    expect(workerCount(null, { cores: 2, memoryGiB: null }, hd)).toBe(2);
    expect(workerCount(null, { cores: 6, memoryGiB: null }, hd)).toBe(6);
    expect(workerCount(null, { cores: 64, memoryGiB: null }, hd)).toBe(LIMITS.maxWorkers);
    expect(workerCount(null, { cores: 0, memoryGiB: null }, hd)).toBe(1);
  });

  it('fits the workers into half the device memory', () => {
    const per = workerBytes(hd);
    expect(workerCount(null, { cores: 16, memoryGiB: 2 }, hd)).toBe(Math.floor(2 ** 30 / per));
    expect(workerCount(null, { cores: 16, memoryGiB: 0.5 }, hd)).toBe(1);
    // 4K frames of an 8K image cost more than 1080p ones: fewer workers in the same memory.
    const uhd = { width: 3840, height: 2160, image: { width: 8192, height: 5464 } };
    expect(workerCount(null, { cores: 16, memoryGiB: 4 }, uhd)).toBeLessThan(workerCount(null, { cores: 16, memoryGiB: 4 }, hd));
  });

  it('estimates memory by frame and image size only', () => {
    expect(workerBytes({ ...hd, width: 3840, height: 2160 })).toBeGreaterThan(workerBytes(hd));
    expect(workerBytes(hd)).toBeGreaterThan(100 * 2 ** 20);
  });
});
