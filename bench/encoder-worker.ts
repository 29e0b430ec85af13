// Bundled into a Web Worker by the encoder-limit page: encodes synthetic
// frames (the benchmark's photo at the output size, shifted a pixel a frame)
// with the product's own encoder class, as fast as frames can be handed to
// it, so the time is the encoder's alone.
import { FfmpegEncoder, type CreateFfmpegCore } from '../engine/encode/ffmpeg';
import type { FrameSource, OutputSpec, VideoEncoderBackend } from '../engine/encode/types';
import { DEFAULT_PARAMS } from '../engine/params';
import { WebCodecsEncoder } from '../engine/encode/webcodecs';
import { makePhoto } from './photo';

declare const self: {
  importScripts(...urls: string[]): void;
  createFFmpegCore?: CreateFfmpegCore;
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
};

export interface EncoderJob {
  encoder: 'ffmpeg' | 'webcodecs';
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** For ffmpeg: the @ffmpeg/core script and its compiled wasm. */
  coreScript?: string;
  wasm?: WebAssembly.Module;
}

export type FromEncoderWorker = { type: 'ready' } | { type: 'done'; ms: number; bytes: number } | { type: 'error'; message: string };

/** Distinct frames cycled through: enough that every frame differs from the last. */
const SHIFTS = 4;

async function prepare(job: EncoderJob): Promise<{ encoder: VideoEncoderBackend; source: FrameSource }> {
  const { width, height } = job;
  const wide = makePhoto(width + SHIFTS, height);
  const frames = Array.from({ length: SHIFTS }, (_, k) => {
    const frame = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) frame.set(wide.data.subarray((y * wide.width + k) * 4, (y * wide.width + k + width) * 4), y * width * 4);
    return frame;
  });
  let encoder: VideoEncoderBackend;
  if (job.encoder === 'ffmpeg') {
    const url = URL.createObjectURL(new Blob([job.coreScript!], { type: 'text/javascript' }));
    self.importScripts(url);
    URL.revokeObjectURL(url);
    encoder = new FfmpegEncoder({ factory: self.createFFmpegCore!, module: job.wasm! });
  } else {
    encoder = new WebCodecsEncoder();
  }
  const source: FrameSource = {
    width,
    height,
    fps: job.fps,
    frames: job.frames,
    readRGBA: (i, dst) => dst.set(frames[i % SHIFTS]!),
  };
  return { encoder, source };
}

/** What the benchmark's clips are: H.264 MP4 at the standard quality. */
const BARE_OUTPUT: OutputSpec = { ...DEFAULT_PARAMS, format: 'mp4', codec: 'h264', quality: 'standard' };

let prepared: Promise<{ encoder: VideoEncoderBackend; source: FrameSource }> | null = null;

self.onmessage = async (e: MessageEvent) => {
  try {
    if (e.data.type === 'prepare') {
      prepared = prepare(e.data.job as EncoderJob);
      await prepared;
      self.postMessage({ type: 'ready' } satisfies FromEncoderWorker);
    } else if (e.data.type === 'go') {
      const { encoder, source } = await prepared!;
      const started = performance.now();
      const clip = await encoder.encode(source, BARE_OUTPUT);
      self.postMessage({ type: 'done', ms: performance.now() - started, bytes: clip.bytes.byteLength } satisfies FromEncoderWorker);
    }
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromEncoderWorker);
  }
};
