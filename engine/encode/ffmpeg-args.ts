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
 * file at the same look. Measured in single-threaded ffmpeg.wasm, 24 frames at
 * 1280×720 (CPU ms per frame, size, SSIM to the source): ultrafast CRF 18 99 ms,
 * 957 KB, 0.9870; veryfast CRF 20 132 ms, 317 KB, 0.9866; veryfast CRF 18 172 ms,
 * 435 KB, 0.9887; slow CRF 20 530 ms, 353 KB, 0.9887.
 */
export const X264 = {
  standard: { preset: 'ultrafast', crf: 18 },
  high: { preset: 'veryfast', crf: 20 },
} as const satisfies Record<Quality, { preset: string; crf: number }>;

const GIF_DITHER = { ordered: 'bayer:bayer_scale=3', diffusion: 'sierra2_4a', none: 'none' } as const satisfies Record<GifOptions['dither'], string>;

function input(shape: FrameShape, device: string): string[] {
  const { width, height, fps } = shape;
  return ['-nostdin', '-y', '-hide_banner', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', device];
}

// RGB → limited-range BT.709 Y'CbCr with full chroma precision, so the tags describe the pixels.
const TO_YUV709 = ['-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,format=yuv420p'];
const TAGS_709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

/**
 * An H.264 clip in a faststart MP4. No VP9: @ffmpeg/core 0.12.10's libvpx-vp9
 * stops with "memory access out of bounds" (measured at 320×180 and, with
 * lookahead or the good deadline, at 1280×720), so VP9 is WebCodecs' alone.
 */
export function videoArgs(shape: FrameShape, output: OutputSpec, device: string, out: string): string[] {
  if (output.format === 'gif') throw new Error('videoArgs: a GIF is made in two passes (gifPaletteArgs, gifArgs)');
  const keyint = keyframeInterval(shape.fps);
  let codec: string[];
  if (output.codec === 'h264') {
    const x = X264[output.quality];
    // High profile: CABAC and 8×8 transforms on even at ultrafast.
    codec = ['-c:v', 'libx264', '-preset', x.preset, '-profile:v', 'high', '-x264-params', `cabac=1:8x8dct=1:deblock=1:keyint=${keyint}`, '-crf', String(x.crf)];
  } else {
    throw new Error(`ffmpeg.wasm makes H.264 here, not ${output.codec.toUpperCase()}`);
  }
  if (output.format !== 'mp4') throw new Error('ffmpeg.wasm makes H.264 in MP4 only');
  return [...input(shape, device), ...TO_YUV709, ...codec, ...TAGS_709, '-movflags', '+faststart', '-f', 'mp4', out];
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
