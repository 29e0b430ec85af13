import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, LIMITS, parseParams } from '../../engine/params';
import { avcHighCodec } from '../../engine/encode/avc-level';
import { ffmpegArgs } from '../../engine/encode/ffmpeg';

describe('parseParams', () => {
  it('accepts the defaults and returns a copy', () => {
    expect(parseParams({ ...DEFAULT_PARAMS })).toEqual(DEFAULT_PARAMS);
  });
  it.each([
    [{ template: 'spin' }, /template/],
    [{ duration: 0.5 }, /duration/],
    [{ duration: LIMITS.maxDuration + 1 }, /duration/],
    [{ fps: 29.97 }, /fps/],
    [{ width: 641 }, /even/],
    [{ height: 8 }, /height/],
    [{ width: 7680 }, /width/],
    [{ width: '1280' }, /width/],
  ])('rejects %j with a readable reason', (patch, reason) => {
    expect(() => parseParams({ ...DEFAULT_PARAMS, ...patch })).toThrow(reason);
  });
  it('rejects non-objects', () => {
    expect(() => parseParams(null)).toThrow(/Invalid settings/);
  });
});

describe('avcHighCodec', () => {
  it('chooses the lowest H.264 level that fits', () => {
    expect(avcHighCodec(1280, 720, 30)).toBe('avc1.64001f');
    expect(avcHighCodec(1920, 1080, 30)).toBe('avc1.640028');
    expect(avcHighCodec(1920, 1080, 60)).toBe('avc1.64002a');
    expect(avcHighCodec(3840, 2160, 30)).toBe('avc1.640033');
    expect(avcHighCodec(3840, 2160, 60)).toBe('avc1.640034');
  });
});

describe('ffmpegArgs', () => {
  it('asks for H.264 High, yuv420p, BT.709 tags and faststart from raw RGBA', () => {
    const args = ffmpegArgs({ width: 640, height: 360, fps: 30 }, '/in', '/out.mp4');
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-pix_fmt')).toBe('rgba');
    expect(after('-s')).toBe('640x360');
    expect(after('-profile:v')).toBe('high');
    expect(after('-vf')).toContain('out_color_matrix=bt709');
    expect(after('-vf')).toContain('format=yuv420p');
    expect(after('-colorspace')).toBe('bt709');
    expect(after('-color_range')).toBe('tv');
    expect(after('-movflags')).toBe('+faststart');
    expect(args.at(-1)).toBe('/out.mp4');
  });
});
