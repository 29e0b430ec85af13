import { describe, expect, it } from 'vitest';
import { containerOf } from '../../bench/container';
import { judgeTargets, type RunFigures } from '../../bench/targets';

const run = (caseId: string, host: RunFigures['host'], endToEndMs: number | null, extra: Partial<RunFigures> = {}): RunFigures => ({
  caseId,
  host,
  endToEndMs,
  zoompanMs: null,
  pipelineFraction: null,
  peakPssMb: null,
  ...extra,
});

const status = (results: ReturnType<typeof judgeTargets>, part: string) => results.filter((r) => r.target.includes(part)).map((r) => r.status);

describe('judgeTargets', () => {
  it('passes the secure host at zoompan speed and the figma host within 2×, and misses beyond', () => {
    const r = judgeTargets([run('zoom-1080p', 'secure', 9000, { zoompanMs: 10_000 }), run('zoom-1080p', 'figma', 21_000, { zoompanMs: 10_000 })]);
    expect(status(r, 'zoom-in, secure host: end to end')).toEqual(['PASS']);
    expect(status(r, 'zoom-in, figma host: end to end')).toEqual(['MISS']);
  });

  it('compares the dolly with the zoom-in of the same host', () => {
    const r = judgeTargets([run('zoom-1080p', 'figma', 10_000), run('dolly-1080p', 'figma', 14_000), run('zoom-1080p', 'secure', 10_000), run('dolly-1080p', 'secure', 16_000)]);
    expect(status(r, 'parallax-dolly, figma')).toEqual(['PASS']);
    expect(status(r, 'parallax-dolly, secure')).toEqual(['MISS']);
  });

  it("judges each measured pipeline fraction and the 4K peak memory", () => {
    const r = judgeTargets([run('zoom-4k', 'figma', 60_000, { pipelineFraction: 0.85, peakPssMb: 1600 }), run('zoom-4k', 'secure', 30_000, { pipelineFraction: 0.5, peakPssMb: 900 })]);
    expect(status(r, 'zoom-4k, figma host: pipeline')).toEqual(['PASS']);
    expect(status(r, 'zoom-4k, secure host: pipeline')).toEqual(['MISS']);
    expect(status(r, '4K zoom-in, figma host: peak')).toEqual(['MISS']);
    expect(status(r, '4K zoom-in, secure host: peak')).toEqual(['PASS']);
  });

  it('says n/a, not PASS, where a run failed or was not made', () => {
    const r = judgeTargets([run('zoom-1080p', 'figma', null, { zoompanMs: 10_000 })]);
    expect(status(r, 'zoom-in, figma host: end to end')).toEqual(['n/a']);
    expect(status(r, '4K zoom-in, secure')).toEqual(['n/a']);
  });
});

describe('containerOf', () => {
  it('tells MP4, GIF and WebM apart by their signatures', () => {
    expect(containerOf(new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73]))).toBe('mp4');
    expect(containerOf(new TextEncoder().encode('GIF89a....'))).toBe('gif');
    expect(containerOf(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]))).toBe('webm');
    expect(containerOf(new Uint8Array(8))).toBe('unknown');
  });
});
