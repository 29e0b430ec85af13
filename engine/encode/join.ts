// Joins H.264 MP4 segments, encoded with identical settings and each opening
// on a keyframe, into one faststart MP4 without re-encoding: mediabunny reads
// each segment's packets in decode order and writes them into one track,
// re-timed so frame n of the clip shows at exactly n / fps (B-frames keep their
// decode order; mediabunny derives the composition offsets).
import { BufferSource, BufferTarget, EncodedPacketSink, EncodedVideoPacketSource, Input, MP4, Mp4OutputFormat, Output } from 'mediabunny';

export interface Segment {
  bytes: Uint8Array;
  /** Frames the segment must hold. */
  frames: number;
}

const sameBytes = (a: ArrayBufferLike | ArrayBufferView | undefined, b: ArrayBufferLike | ArrayBufferView | undefined): boolean => {
  if (!a || !b) return a === b;
  const x = ArrayBuffer.isView(a) ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(a);
  const y = ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export async function joinSegments(segments: readonly Segment[], fps: number): Promise<Uint8Array> {
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const track = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(track, { frameRate: fps });
  await output.start();
  try {
    let config: VideoDecoderConfig | null = null;
    let offset = 0;
    for (const [k, segment] of segments.entries()) {
      const input = new Input({ formats: [MP4], source: new BufferSource(segment.bytes) });
      try {
        config = await appendSegment(track, input, k, segment.frames, offset, fps, config);
      } finally {
        input.dispose();
      }
      offset += segment.frames;
    }
    await output.finalize();
  } finally {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
  }
  const buffer = output.target.buffer;
  if (!buffer) throw new Error('The MP4 muxer produced no data.');
  return new Uint8Array(buffer);
}

/** Copies segment k's packets into the track as frames offset.., and returns the track's decoder configuration. */
async function appendSegment(
  track: EncodedVideoPacketSource,
  input: Input,
  k: number,
  frames: number,
  offset: number,
  fps: number,
  config: VideoDecoderConfig | null,
): Promise<VideoDecoderConfig> {
  const name = `Segment ${k + 1}`;
  const video = await input.getPrimaryVideoTrack();
  if (!video) throw new Error(`${name} has no video track.`);
  const own = await video.getDecoderConfig();
  if (!own) throw new Error(`${name} has no decoder configuration.`);
  // One track has one avcC: segments must share their parameter sets to join without re-encoding.
  if (config && (own.codec !== config.codec || !sameBytes(own.description, config.description))) {
    throw new Error(`${name} was encoded with other parameter sets than segment 1.`);
  }
  let first: number | null = null;
  const seen = new Set<number>();
  for await (const packet of new EncodedPacketSink(video).packets()) {
    if (first === null) {
      // A segment opens on its keyframe, which is also its earliest frame: closed GOPs.
      if (packet.type !== 'key') throw new Error(`${name} does not start on a keyframe.`);
      first = packet.timestamp;
    }
    const index = Math.round((packet.timestamp - first) * fps);
    if (index < 0 || index >= frames || seen.has(index)) throw new Error(`${name} has a stray frame at ${packet.timestamp} s.`);
    // The decoder configuration goes with the track's first packet.
    const meta = config === null && seen.size === 0 ? { decoderConfig: own } : undefined;
    await track.add(packet.clone({ timestamp: (offset + index) / fps, duration: 1 / fps }), meta);
    seen.add(index);
  }
  if (seen.size !== frames) throw new Error(`${name} holds ${seen.size} frames, not ${frames}.`);
  return config ?? own;
}
