// H.264 through WebCodecs' VideoEncoder, muxed by mediabunny into a faststart
// MP4: the fast path for hosts that are secure contexts (not Figma's iframe).
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output } from 'mediabunny';
import { avcHighCodec } from './avc-level';
import { BT709, keyframeInterval, type EncodedClip, type EncodeOptions, type FrameSource, type VideoEncoderBackend } from './types';

/** Frames queued inside the encoder before drawing waits: bounds memory, keeps the encoder busy. */
const MAX_QUEUE = 4;

export function webCodecsConfig(width: number, height: number, fps: number): VideoEncoderConfig {
  return {
    codec: avcHighCodec(width, height, fps),
    width,
    height,
    framerate: fps,
    // About 0.15 bits per pixel per frame: visually clean for camera moves over photos.
    bitrate: Math.round(width * height * fps * 0.15),
    latencyMode: 'quality',
    avc: { format: 'avc' },
  };
}

/** Whether this host can encode this size with WebCodecs; false where VideoEncoder does not exist. */
export async function webCodecsSupports(width: number, height: number, fps: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  try {
    return (await VideoEncoder.isConfigSupported(webCodecsConfig(width, height, fps))).supported === true;
  } catch {
    return false;
  }
}

export class WebCodecsEncoder implements VideoEncoderBackend {
  readonly id = 'webcodecs' as const;
  readonly label = 'WebCodecs (H.264)';

  async encode(source: FrameSource, options: EncodeOptions = {}): Promise<EncodedClip> {
    const { width, height, fps, frames } = source;
    const config = webCodecsConfig(width, height, fps);
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
    const track = new EncodedVideoPacketSource('avc');
    output.addVideoTrack(track, { frameRate: fps });
    await output.start();

    let failure: unknown = null;
    let writing = Promise.resolve();
    const encoder = new VideoEncoder({
      output: (chunk, meta) => {
        const packet = EncodedPacket.fromEncodedChunk(chunk);
        // Describe the pixels as they are: BT.709 primaries, transfer and matrix.
        const described = meta?.decoderConfig
          ? { ...meta, decoderConfig: { ...meta.decoderConfig, colorSpace: { ...BT709, fullRange: meta.decoderConfig.colorSpace?.fullRange ?? false } } }
          : meta;
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
      for (let i = 0; i < frames; i++) {
        options.signal?.throwIfAborted();
        if (failure) throw failure;
        source.draw(i);
        const frame = new VideoFrame(source.canvas, {
          timestamp: Math.round((i * 1e6) / fps),
          duration: Math.round(1e6 / fps),
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
      if (!buffer) throw new Error('The MP4 muxer produced no data.');
      return { bytes: new Uint8Array(buffer), mimeType: 'video/mp4', codec: `H.264 ${config.codec}, BT.709` };
    } finally {
      if (encoder.state !== 'closed') encoder.close();
      if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    }
  }
}
