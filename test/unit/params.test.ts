import { describe, expect, it } from 'vitest';
import { applySocialPreset, DEFAULT_GIF, DEFAULT_PARAMS, LIMITS, matchSocialPreset, parseParams, sizeForAspect } from '../../engine/params';
import { avcHighCodec } from '../../engine/encode/avc-level';

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
    [{ intensity: 1.5 }, /intensity/],
    [{ focus: { x: -0.1, y: 0.5 } }, /focus/],
    [{ easing: 'bounce' }, /easing/],
    [{ loop: 'forever' }, /loop/],
    [{ format: 'mov' }, /format/],
    [{ codec: 'hevc' }, /codec/],
    [{ quality: 'best' }, /quality/],
    [{ encoder: 'recorder' }, /encoder/],
    [{ workers: 0 }, /workers/],
    [{ workers: LIMITS.maxWorkers + 1 }, /workers/],
    [{ workers: 1.5 }, /workers/],
    [{ format: 'webm', codec: 'h264' }, /WebM holds VP9 or AV1/],
    [{ codec: 'av1', encoder: 'ffmpeg' }, /AV1 needs WebCodecs/],
    [{ format: 'webm', codec: 'vp9', encoder: 'ffmpeg' }, /VP9 needs WebCodecs/],
    [{ format: 'gif', encoder: 'webcodecs', width: 640, height: 360 }, /WebCodecs does not make GIFs/],
    [{ format: 'gif', width: 2560, height: 1440 }, /GIF is at most 1920 px/],
    [{ format: 'gif', width: 640, height: 360, fps: 60 }, /GIF plays at most 30 fps/],
    [{ format: 'gif', width: 640, height: 360, gif: { ...DEFAULT_GIF, colours: 8 } }, /colours/],
    [{ format: 'gif', width: 640, height: 360, gif: { ...DEFAULT_GIF, dither: 'floyd' } }, /dither/],
  ])('rejects %j with a readable reason', (patch, reason) => {
    expect(() => parseParams({ ...DEFAULT_PARAMS, ...patch })).toThrow(reason);
  });
  it('rejects non-objects', () => {
    expect(() => parseParams(null)).toThrow(/Invalid settings/);
  });
  it('reads settings saved before intensity, focus, easing and loop existed, with their defaults', () => {
    const old = { template: 'pan-right', duration: 6, fps: 24, width: 1080, height: 1080 };
    expect(parseParams(old)).toEqual({ ...DEFAULT_PARAMS, ...old });
  });
  it('accepts every format with a codec it holds', () => {
    expect(parseParams({ ...DEFAULT_PARAMS, format: 'webm', codec: 'vp9' }).format).toBe('webm');
    expect(parseParams({ ...DEFAULT_PARAMS, format: 'mp4', codec: 'av1' }).codec).toBe('av1');
    // A GIF has its own codec: the video codec field is ignored, not an error.
    expect(parseParams({ ...DEFAULT_PARAMS, format: 'gif', width: 1920, height: 1080, fps: 30 }).format).toBe('gif');
  });
  it('keeps a chosen focus point', () => {
    expect(parseParams({ ...DEFAULT_PARAMS, focus: { x: 0.25, y: 1 } }).focus).toEqual({ x: 0.25, y: 1 });
  });
});

describe('social presets', () => {
  it.each([
    ['vertical', 1080, 1920],
    ['portrait', 1080, 1350],
    ['square', 1080, 1080],
    ['landscape', 1920, 1080],
  ] as const)('%s sets %ix%i, 30 fps, H.264 MP4 and is recognised again', (preset, width, height) => {
    const p = applySocialPreset({ ...DEFAULT_PARAMS, fps: 60, format: 'webm', codec: 'vp9', template: 'pan-left' }, preset);
    expect(p).toMatchObject({ width, height, fps: 30, format: 'mp4', codec: 'h264', template: 'pan-left' });
    expect(parseParams(p)).toEqual(p);
    expect(matchSocialPreset(p)).toBe(preset);
    expect(matchSocialPreset({ ...p, fps: 24 })).toBeNull();
  });
});

describe('sizeForAspect', () => {
  it.each([
    ['16:9', 1920, { width: 1920, height: 1080 }],
    ['9:16', 1920, { width: 1080, height: 1920 }],
    ['4:5', 1350, { width: 1080, height: 1350 }],
    ['1:1', 1080, { width: 1080, height: 1080 }],
  ] as const)('gives %s at a long side of %i', (aspect, side, size) => {
    expect(sizeForAspect(aspect, side, { width: 10, height: 10 })).toEqual(size);
  });
  it('follows the image for source, in even sides within the limits', () => {
    expect(sizeForAspect('source', 1000, { width: 300, height: 451 })).toEqual({ width: 666, height: 1000 });
    expect(sizeForAspect('source', 99999, { width: 4000, height: 10 })).toEqual({ width: LIMITS.maxSide, height: LIMITS.minSide });
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
