import { describe, expect, it } from 'vitest';
import { chooseEncoder, type EncoderSupport } from '../../engine/encode/choose';
import { av1Codec, vp9Codec } from '../../engine/encode/codec-strings';
import { FfmpegEncoder, type CreateFfmpegCore } from '../../engine/encode/ffmpeg';
import { gifArgs, gifPaletteArgs, videoArgs } from '../../engine/encode/ffmpeg-args';
import type { FrameSource } from '../../engine/encode/types';
import { DEFAULT_GIF, DEFAULT_PARAMS, type RenderParams } from '../../engine/params';

const FIGMA: EncoderSupport = { secureContext: false, webCodecs: false, codecs: { h264: false, vp9: false, av1: false } };
const SECURE_ALL: EncoderSupport = { secureContext: true, webCodecs: true, codecs: { h264: true, vp9: true, av1: true } };
const SECURE_NO_AV1: EncoderSupport = { ...SECURE_ALL, codecs: { h264: true, vp9: true, av1: false } };
const SECURE_NO_WEBCODECS: EncoderSupport = { secureContext: true, webCodecs: false, codecs: FIGMA.codecs };

const settings = (p: Partial<RenderParams>) => ({ ...DEFAULT_PARAMS, ...p });

describe('chooseEncoder', () => {
  it.each([
    ['H.264 in Figma', {}, FIGMA, 'ffmpeg', /^ffmpeg\.wasm x264: this frame .*not a secure context/],
    ['H.264 in a secure host', {}, SECURE_ALL, 'webcodecs', /^WebCodecs: this host encodes H\.264$/],
    ['high-quality H.264 where WebCodecs exists', { quality: 'high' }, SECURE_ALL, 'ffmpeg', /x264 veryfast/],
    ['high-quality VP9 where WebCodecs exists', { quality: 'high', format: 'webm', codec: 'vp9' }, SECURE_ALL, 'webcodecs', /encodes VP9/],
    ['H.264 in a secure host without VideoEncoder', {}, SECURE_NO_WEBCODECS, 'ffmpeg', /this host has no WebCodecs/],
    ['AV1 in a secure host', { format: 'webm', codec: 'av1' }, SECURE_ALL, 'webcodecs', /encodes AV1/],
    ['a GIF in a secure host', { format: 'gif' }, SECURE_ALL, 'ffmpeg', /GIFs/],
    ['ffmpeg when asked for', { encoder: 'ffmpeg' }, SECURE_ALL, 'ffmpeg', /chosen in the settings/],
    ['WebCodecs when asked for', { encoder: 'webcodecs', quality: 'high' }, SECURE_ALL, 'webcodecs', /chosen in the settings/],
  ] as const)('%s', (_, p, support, encoder, reason) => {
    const choice = chooseEncoder(settings(p), support);
    expect(choice).toMatchObject({ ok: true, encoder });
    expect(choice.ok && choice.reason).toMatch(reason);
  });

  it.each([
    ['AV1 in Figma', { codec: 'av1' }, FIGMA, /AV1 needs WebCodecs, and this frame .* not a secure context/],
    ['AV1 where this size is not encoded', { codec: 'av1' }, SECURE_NO_AV1, /AV1 needs WebCodecs, and WebCodecs here cannot encode AV1/],
    ['AV1 with ffmpeg', { codec: 'av1', encoder: 'ffmpeg' }, SECURE_ALL, /ffmpeg\.wasm encoder makes H\.264 and GIF/],
    ['VP9 in Figma', { format: 'webm', codec: 'vp9' }, FIGMA, /VP9 needs WebCodecs, and this frame/],
    ['VP9 with ffmpeg', { format: 'webm', codec: 'vp9', encoder: 'ffmpeg' }, SECURE_ALL, /VP9 needs WebCodecs; the ffmpeg\.wasm encoder makes H\.264 and GIF/],
    ['WebCodecs forced in Figma', { encoder: 'webcodecs' }, FIGMA, /WebCodecs encoder was chosen, but this frame/],
    ['a GIF from WebCodecs', { format: 'gif', encoder: 'webcodecs' }, SECURE_ALL, /WebCodecs does not make GIFs/],
    ['H.264 in WebM', { format: 'webm', codec: 'h264' }, SECURE_ALL, /WebM holds VP9 or AV1/],
  ] as const)('refuses %s', (_, p, support, error) => {
    const choice = chooseEncoder(settings(p), support);
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.error).toMatch(error);
  });
});

describe('codec strings', () => {
  it('picks the lowest VP9 level that fits', () => {
    expect(vp9Codec(256, 144, 20)).toBe('vp09.00.10.08');
    expect(vp9Codec(320, 180, 24)).toBe('vp09.00.11.08');
    expect(vp9Codec(1280, 720, 30)).toBe('vp09.00.31.08');
    expect(vp9Codec(1920, 1080, 30)).toBe('vp09.00.40.08');
    expect(vp9Codec(1920, 1080, 60)).toBe('vp09.00.41.08');
    expect(vp9Codec(3840, 2160, 30)).toBe('vp09.00.50.08');
  });
  it('picks the lowest AV1 level that fits, Main tier', () => {
    expect(av1Codec(320, 180, 24)).toBe('av01.0.00M.08');
    expect(av1Codec(1280, 720, 30)).toBe('av01.0.05M.08');
    expect(av1Codec(1920, 1080, 30)).toBe('av01.0.08M.08');
    expect(av1Codec(1920, 1080, 60)).toBe('av01.0.09M.08');
    expect(av1Codec(3840, 2160, 60)).toBe('av01.0.13M.08');
  });
});

describe('ffmpeg arguments', () => {
  const shape = { width: 640, height: 360, fps: 30 };
  // The last occurrence: an output option comes after the input's (-f rawvideo … -f gif).
  const after = (args: string[], flag: string) => args[args.lastIndexOf(flag) + 1];
  const output = (p: Partial<RenderParams>) => ({ ...DEFAULT_PARAMS, ...p });

  it('asks for H.264 High, yuv420p, BT.709 tags and faststart from raw RGBA', () => {
    const args = videoArgs(shape, output({}), '/in', '/out.mp4');
    expect(after(args, '-pix_fmt')).toBe('rgba');
    expect(after(args, '-s')).toBe('640x360');
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-preset')).toBe('ultrafast');
    expect(after(args, '-crf')).toBe('18');
    expect(after(args, '-profile:v')).toBe('high');
    expect(after(args, '-x264-params')).toContain('keyint=60');
    expect(after(args, '-vf')).toContain('out_color_matrix=bt709');
    expect(after(args, '-vf')).toContain('format=yuv420p');
    expect(after(args, '-colorspace')).toBe('bt709');
    expect(after(args, '-color_range')).toBe('tv');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(args.at(-1)).toBe('/out.mp4');
  });

  it('uses a slower x264 preset for high quality', () => {
    const args = videoArgs(shape, output({ quality: 'high' }), '/in', '/out.mp4');
    expect(after(args, '-preset')).not.toBe('ultrafast');
    expect(Number(after(args, '-crf'))).toBeGreaterThan(18);
  });

  it('refuses what it does not make', () => {
    expect(() => videoArgs(shape, output({ codec: 'vp9', format: 'webm' }), '/in', '/out.webm')).toThrow(/H\.264/);
  });

  it('refuses AV1 and GIF', () => {
    expect(() => videoArgs(shape, output({ codec: 'av1' }), '/in', '/out.mp4')).toThrow(/AV1/);
    expect(() => videoArgs(shape, output({ format: 'gif' }), '/in', '/out.gif')).toThrow(/two passes/);
  });

  it('makes a GIF palette from every pixel of every frame, at the chosen size', () => {
    const args = gifPaletteArgs(shape, { ...DEFAULT_GIF, colours: 64 }, '/in', '/p.png');
    expect(after(args, '-vf')).toBe('palettegen=max_colors=64:reserve_transparent=0:stats_mode=full');
    expect(args.at(-1)).toBe('/p.png');
  });

  it.each([
    ['ordered', true, 'dither=bayer', '0'],
    ['diffusion', false, 'dither=sierra2_4a', '-1'],
    ['none', true, 'dither=none', '0'],
  ] as const)('maps the frames to the palette with %s dither (loop %s)', (dither, loop, filter, loopFlag) => {
    const args = gifArgs(shape, { colours: 256, dither, loop }, '/in', '/p.png', '/out.gif');
    expect(after(args, '-lavfi')).toContain(`paletteuse=${filter}`);
    expect(after(args, '-lavfi')).toContain('diff_mode=rectangle');
    expect(args).toContain('/p.png');
    expect(after(args, '-loop')).toBe(loopFlag);
    expect(after(args, '-f')).toBe('gif');
  });
});

describe('ffmpeg.wasm start-up', () => {
  // A module that imports env.f: instantiating it without that import fails, as running out of memory for it would.
  const needsAnImport = new WebAssembly.Module(
    new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00]),
  );
  const source = { width: 2, height: 2, fps: 24, frames: 1 } as FrameSource;
  const output = { format: 'mp4', codec: 'h264', quality: 'standard', gif: DEFAULT_GIF } as const;

  it('fails the render, saying why, when the wasm cannot be instantiated; the next render tries again', async () => {
    let starts = 0;
    // Like Emscripten's factory: it resolves only once instantiateWasm has called back.
    const factory = ((module: { instantiateWasm(imports: WebAssembly.Imports, done: () => void): object }) => {
      starts++;
      return new Promise(() => module.instantiateWasm({}, () => {}));
    }) as unknown as CreateFfmpegCore;
    const encoder = new FfmpegEncoder({ factory, module: needsAnImport });
    await expect(encoder.encode(source, output)).rejects.toThrow(/^ffmpeg\.wasm could not start: .*env/);
    await expect(encoder.encode(source, output)).rejects.toThrow(/could not start/);
    expect(starts).toBe(2);
  });
});
