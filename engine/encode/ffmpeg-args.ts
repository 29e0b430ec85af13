// The ffmpeg command lines, one per output: pure, so the settings are unit-tested
// without running ffmpeg. Frames always arrive as raw RGBA from the frame device.
import type { GifOptions, Quality } from '../params';
import { keyframeInterval, type OutputSpec } from './types';

export interface FrameShape {
  width: number;
  height: number;
  fps: number;
}

/**
 * x264 per quality: ultrafast keeps wasm quick; high trades time for a smaller
 * file. Measured in single-threaded ffmpeg.wasm at 1280×720 (CPU ms per frame,
 * file size): ultrafast CRF 18 101 ms, 957 KB; veryfast CRF 20 149 ms, 317 KB;
 * faster 224 ms, 374 KB; medium 341 ms, 360 KB. Slower presets cost time and gain nothing here.
 */
export const X264 = {
  standard: { preset: 'ultrafast', crf: 18 },
  high: { preset: 'veryfast', crf: 20 },
} as const satisfies Record<Quality, { preset: string; crf: number }>;

/**
 * libvpx-vp9 per quality in constant-quality mode (-b:v 0): realtime with the
 * fastest cpu-used is the pace single-threaded wasm can keep; high takes the
 * good deadline, which finds far better motion for the same size.
 */
export const VP9 = {
  standard: { deadline: 'realtime', cpuUsed: 8, crf: 32 },
  high: { deadline: 'good', cpuUsed: 4, crf: 30 },
} as const satisfies Record<Quality, { deadline: string; cpuUsed: number; crf: number }>;

const GIF_DITHER = { ordered: 'bayer:bayer_scale=3', diffusion: 'sierra2_4a', none: 'none' } as const satisfies Record<GifOptions['dither'], string>;

function input(shape: FrameShape, device: string): string[] {
  const { width, height, fps } = shape;
  return ['-nostdin', '-y', '-hide_banner', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', device];
}

// RGB → limited-range BT.709 Y'CbCr with full chroma precision, so the tags describe the pixels.
const TO_YUV709 = ['-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,format=yuv420p'];
const TAGS_709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/** An H.264 or VP9 clip in MP4 (faststart) or WebM. */
export function videoArgs(shape: FrameShape, output: OutputSpec, device: string, out: string): string[] {
  if (output.format === 'gif') throw new Error('videoArgs: a GIF is made in two passes (gifPaletteArgs, gifArgs)');
  const keyint = keyframeInterval(shape.fps);
  let codec: string[];
  if (output.codec === 'h264') {
    const x = X264[output.quality];
    // High profile: CABAC and 8×8 transforms on even at ultrafast.
    codec = ['-c:v', 'libx264', '-preset', x.preset, '-profile:v', 'high', '-x264-params', `cabac=1:8x8dct=1:deblock=1:keyint=${keyint}`, '-crf', String(x.crf)];
  } else if (output.codec === 'vp9') {
    const v = VP9[output.quality];
    codec = ['-c:v', 'libvpx-vp9', '-deadline', v.deadline, '-cpu-used', String(v.cpuUsed), '-crf', String(v.crf), '-b:v', '0', '-g', String(keyint)];
  } else {
    throw new Error('ffmpeg.wasm has no AV1 encoder');
  }
  const container = output.format === 'mp4' ? ['-movflags', '+faststart', '-f', 'mp4'] : ['-f', 'webm'];
  return [...input(shape, device), ...TO_YUV709, ...codec, ...TAGS_709, ...container, out];
}

/** GIF pass 1: one palette for the whole clip from every pixel of every frame. */
export function gifPaletteArgs(shape: FrameShape, gif: GifOptions, device: string, palette: string): string[] {
  return [...input(shape, device), '-vf', `palettegen=max_colors=${gif.colours}:reserve_transparent=0:stats_mode=full`, '-frames:v', '1', '-update', '1', palette];
}

/** GIF pass 2: the frames mapped to that palette; only the changed rectangle is re-dithered, so still areas stay still. */
export function gifArgs(shape: FrameShape, gif: GifOptions, device: string, palette: string, out: string): string[] {
  return [
    ...input(shape, device),
    '-i', palette,
    '-lavfi', `[0:v][1:v]paletteuse=dither=${GIF_DITHER[gif.dither]}:diff_mode=rectangle`,
    // 0: play forever; -1: play once (no NETSCAPE2.0 loop block).
    '-loop', gif.loop ? '0' : '-1',
    '-f', 'gif', out,
  ];
}
