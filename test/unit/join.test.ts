// The segment join against segments that the system's ffmpeg encodes with
// libx264, as the segment workers' ffmpeg.wasm does: with and without B-frames.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinSegments } from '../../engine/encode/join';
import { decodeAll, decodeFrames, frameTimes, probe, saveTemp, topLevelBoxes } from '../e2e/media';

const W = 160;
const H = 96;
const FPS = 30;

/** Frames [start, end) of a moving test pattern, encoded alone as an MP4 (its first frame an IDR). */
function encodeRange(start: number, end: number, x264: string): Uint8Array {
  const path = saveTemp(new Uint8Array(), 'segment.mp4');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${W}x${H}:rate=${FPS}`,
    '-vf', `trim=start_frame=${start}:end_frame=${end},setpts=PTS-STARTPTS`,
    '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-profile:v', 'high', '-x264-params', x264, '-crf', '18',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-movflags', '+faststart', path,
  ]);
  return new Uint8Array(readFileSync(path));
}

describe.each([
  { name: 'without B-frames (ultrafast)', x264: 'keyint=30:bframes=0:scenecut=0', bFrames: false },
  { name: 'with B-frames (pyramid, as a slower preset makes)', x264: 'keyint=30:bframes=3:b-pyramid=normal:open-gop=0:scenecut=0', bFrames: true },
])('joinSegments $name', { timeout: 30_000 }, ({ x264, bFrames }) => {
  it('joins without re-encoding into one faststart MP4 with every frame evenly timed', async () => {
    const cuts = [0, 30, 60, 75];
    const segments = cuts.slice(1).map((end, i) => ({ bytes: encodeRange(cuts[i]!, end, x264), frames: end - cuts[i]! }));
    const joined = await joinSegments(segments, FPS);

    const boxes = topLevelBoxes(joined);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    const path = saveTemp(joined, 'joined.mp4');
    const { stream } = probe(path);
    expect(stream).toMatchObject({ codec_name: 'h264', profile: 'High', width: W, height: H, nb_frames: '75' });
    expect(stream).toMatchObject({ color_range: 'tv', color_space: 'bt709', color_primaries: 'bt709', color_transfer: 'bt709' });
    expect(Number(stream.duration)).toBeCloseTo(75 / FPS, 3);
    expect(decodeAll(path)).toEqual({ errors: '', frames: 75 });

    const frames = frameTimes(path);
    expect(frames.map((f) => f.time)).toEqual(frames.map((_, i) => expect.closeTo(i / FPS, 4)));
    for (const cut of cuts.slice(0, -1)) expect(frames[cut]).toMatchObject({ key: true, type: 'I' });
    expect(frames.some((f) => f.type === 'B')).toBe(bFrames);

    // Lossless: the joined clip decodes to exactly the segments' own frames.
    const own = segments.flatMap((s) => decodeFrames(saveTemp(s.bytes, 's.mp4'), W, H, 'rgb24'));
    const decoded = decodeFrames(path, W, H, 'rgb24');
    expect(decoded.length).toBe(75);
    for (let i = 0; i < 75; i++) expect(Buffer.compare(decoded[i]!, own[i]!), `frame ${i}`).toBe(0);
  });

  it('refuses a segment with the wrong frame count', async () => {
    const segments = [{ bytes: encodeRange(0, 30, x264), frames: 30 }, { bytes: encodeRange(30, 50, x264), frames: 30 }];
    await expect(joinSegments(segments, FPS)).rejects.toThrow(/holds 20 frames, not 30/);
  });
});

it('refuses segments encoded with other parameter sets', { timeout: 30_000 }, async () => {
  const segments = [
    { bytes: encodeRange(0, 30, 'keyint=30:bframes=0'), frames: 30 },
    { bytes: encodeRange(30, 60, 'keyint=30:bframes=3:ref=4'), frames: 30 },
  ];
  await expect(joinSegments(segments, FPS)).rejects.toThrow(/other parameter sets/);
});
