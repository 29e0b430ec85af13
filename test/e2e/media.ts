// Reading clips back with the system's ffprobe/ffmpeg: metadata, container
// layout and decoded frames, to check what a viewer's player would see.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function saveTemp(bytes: Uint8Array, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'stillmotion-test-')), name);
  writeFileSync(path, bytes);
  return path;
}

export interface VideoStream {
  codec_name: string;
  profile: string;
  width: number;
  height: number;
  pix_fmt: string;
  color_range?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  r_frame_rate: string;
  duration: string;
  nb_frames: string;
}

export function probe(path: string): { stream: VideoStream; format: { format_name: string; duration: string } } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' });
  const json = JSON.parse(out) as { streams: VideoStream[]; format: { format_name: string; duration: string } };
  if (json.streams.length !== 1) throw new Error(`expected one stream, got ${json.streams.length}`);
  return { stream: json.streams[0]!, format: json.format };
}

/** Top-level MP4 box types in file order (faststart puts moov before mdat). */
export function topLevelBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.byteLength) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (size === 1) size = Number(view.getBigUint64(offset + 8));
    if (size === 0) size = bytes.byteLength - offset;
    if (size < 8) throw new Error(`bad box size at ${offset}`);
    boxes.push(type);
    offset += size;
  }
  return boxes;
}

/** Decodes every frame; returns ffmpeg's error output (empty when the stream is clean) and the frame count. */
export function decodeAll(path: string): { errors: string; frames: number } {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'framemd5', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const frames = r.stdout.split('\n').filter((l) => l && !l.startsWith('#')).length;
  return { errors: r.stderr.trim() + (r.status === 0 ? '' : ` (exit ${r.status})`), frames };
}

/** Decoded frames as 8-bit samples (gray: 1 per pixel, rgb24: 3), converted to RGB with the stream's own tags. */
export function decodeFrames(path: string, width: number, height: number, format: 'gray' | 'rgb24'): Uint8Array[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', format, '-'], { maxBuffer: 1 << 30 });
  const size = width * height * (format === 'gray' ? 1 : 3);
  const frames: Uint8Array[] = [];
  for (let o = 0; o + size <= raw.length; o += size) frames.push(new Uint8Array(raw.buffer, raw.byteOffset + o, size));
  return frames;
}

/** Encodes RGB24 pixels to PNG with ffmpeg: tests draw images with known answers in code. */
export function rgbToPng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  return new Uint8Array(
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', '-', '-f', 'image2', '-c:v', 'png', '-'], {
      input: rgb,
      maxBuffer: 1 << 28,
    }),
  );
}

export interface DecodedFrameInfo {
  /** Presentation time in seconds. */
  time: number;
  key: boolean;
  type: string;
}

/** Every decoded frame's presentation time, keyframe flag and picture type, in presentation order. */
export function frameTimes(path: string): DecodedFrameInfo[] {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time,key_frame,pict_type', '-of', 'json', path],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const json = JSON.parse(out) as { frames: { best_effort_timestamp_time: string; key_frame: number; pict_type: string }[] };
  return json.frames.map((f) => ({ time: Number(f.best_effort_timestamp_time), key: f.key_frame === 1, type: f.pict_type }));
}

/**
 * Each H.264 slice's quantiser (pic_init_qp + slice_qp_delta), in decoding
 * order, from ffmpeg's header trace: one per frame where the encoder writes one
 * slice per frame, as single-threaded x264 does.
 */
export function sliceQps(path: string): number[] {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-v', 'info', '-i', path, '-c', 'copy', '-bsf:v', 'trace_headers', '-f', 'null', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`ffmpeg could not trace ${path}: ${r.stderr.trim().split('\n').at(-1)}`);
  let initQp = 26;
  const qps: number[] = [];
  for (const line of r.stderr.split('\n')) {
    const m = /\b(pic_init_qp_minus26|slice_qp_delta)\s+\d+\s+=\s+(-?\d+)$/.exec(line);
    if (m?.[1] === 'pic_init_qp_minus26') initQp = 26 + Number(m[2]);
    else if (m) qps.push(initQp + Number(m[2]));
  }
  return qps;
}
