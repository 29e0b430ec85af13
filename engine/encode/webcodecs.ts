// H.264, VP9 and AV1 through WebCodecs' VideoEncoder, muxed by mediabunny into
// a faststart MP4 or a WebM: the fast path for hosts that are secure contexts
// (not Figma's iframe). Frames go in as limited-range BT.709 I420 made here,
// so the clip is yuv420p tagged BT.709 like the x264 path's.
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output, WebMOutputFormat } from 'mediabunny';
import type { Quality, VideoCodec } from '../params';
import { webCodecsCodec } from './codec-strings';
import { keyframeInterval, MIME_TYPES, type EncodedClip, type EncodeOptions, type FrameSource, type OutputSpec, type VideoEncoderBackend } from './types';
import { BT709_LIMITED, i420Size, rgbaToI420 } from './yuv';

/** Frames queued inside the encoder before drawing waits: bounds memory, keeps the encoder busy. */
const MAX_QUEUE = 4;

/**
 * Bits per pixel per frame. Standard is visually clean for camera moves over
 * photos; the newer codecs need less for the same look. Chromium's encoders
 * have no slower preset to trade time for size, so high buys fidelity with bits.
 */
const BITS_PER_PIXEL: Record<VideoCodec, Record<Quality, number>> = {
  h264: { standard: 0.15, high: 0.25 },
  vp9: { standard: 0.1, high: 0.17 },
  av1: { standard: 0.08, high: 0.13 },
};

const PACKET_CODEC = { h264: 'avc', vp9: 'vp9', av1: 'av1' } as const satisfies Record<VideoCodec, string>;
const CODEC_NAMES = { h264: 'H.264', vp9: 'VP9', av1: 'AV1' } as const satisfies Record<VideoCodec, string>;

export interface WebCodecsShape {
  width: number;
  height: number;
  fps: number;
}

export function webCodecsConfig(shape: WebCodecsShape, codec: VideoCodec, quality: Quality): VideoEncoderConfig {
  const { width, height, fps } = shape;
  return {
    codec: webCodecsCodec(codec, width, height, fps),
    width,
    height,
    framerate: fps,
    bitrate: Math.round(width * height * fps * BITS_PER_PIXEL[codec][quality]),
    latencyMode: 'quality',
    ...(codec === 'h264' ? { avc: { format: 'avc' as const } } : {}),
  };
}

/** Whether this host can encode this codec at this size with WebCodecs; false where VideoEncoder does not exist. */
export async function webCodecsSupports(shape: WebCodecsShape, codec: VideoCodec): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  try {
    return (await VideoEncoder.isConfigSupported(webCodecsConfig(shape, codec, 'standard'))).supported === true;
  } catch {
    return false;
  }
}

export class WebCodecsEncoder implements VideoEncoderBackend {
  readonly id = 'webcodecs' as const;
  readonly label = 'WebCodecs';

  async encode(source: FrameSource, spec: OutputSpec, options: EncodeOptions = {}): Promise<EncodedClip> {
    if (spec.format === 'gif') throw new Error('WebCodecs does not make GIFs.');
    const { fps, frames } = source;
    const config = webCodecsConfig(source, spec.codec, spec.quality);
    const format = spec.format === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat();
    const output = new Output({ format, target: new BufferTarget() });
    const track = new EncodedVideoPacketSource(PACKET_CODEC[spec.codec]);
    output.addVideoTrack(track, { frameRate: fps });
    await output.start();

    let failure: unknown = null;
    let writing = Promise.resolve();
    const encoder = new VideoEncoder({
      output: (chunk, meta) => {
        const packet = EncodedPacket.fromEncodedChunk(chunk);
        // The container says what the frames are, whether or not this host's encoder reports it.
        const described = meta?.decoderConfig ? { ...meta, decoderConfig: { ...meta.decoderConfig, colorSpace: BT709_LIMITED } } : meta;
        writing = writing.then(() => track.add(packet, described)).catch((e) => {
          failure ??= e;
        });
      },
      error: (e) => {
        failure ??= e;
      },
    });
    try {
      encoder.configure(config);
      const gop = keyframeInterval(fps);
      const { width, height } = source;
      const rgba = new Uint8Array(width * height * 4);
      const i420 = new Uint8Array(i420Size(width, height));
      for (let i = 0; i < frames; i++) {
        options.signal?.throwIfAborted();
        if (failure) throw failure;
        source.readRGBA(i, rgba);
        rgbaToI420(rgba, width, height, i420);
        // VideoFrame copies the planes, so both buffers serve every frame.
        const frame = new VideoFrame(i420, {
          format: 'I420',
          codedWidth: width,
          codedHeight: height,
          timestamp: Math.round((i * 1e6) / fps),
          duration: Math.round(1e6 / fps),
          colorSpace: BT709_LIMITED,
        });
        encoder.encode(frame, { keyFrame: i % gop === 0 });
        frame.close();
        options.onProgress?.(i + 1);
        while (encoder.encodeQueueSize > MAX_QUEUE) {
          await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }));
        }
      }
      await encoder.flush();
      await writing;
      if (failure) throw failure;
      await output.finalize();
      const buffer = output.target.buffer;
      if (!buffer) throw new Error('The muxer produced no data.');
      const kbps = Math.round((config.bitrate ?? 0) / 1000);
      return { bytes: new Uint8Array(buffer), mimeType: MIME_TYPES[spec.format], codec: `${CODEC_NAMES[spec.codec]} ${config.codec}, yuv420p, BT.709, ${kbps} kb/s` };
    } finally {
      if (encoder.state !== 'closed') encoder.close();
      if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    }
  }
}
