// The Output section's changes keep every combination valid: whatever is
// chosen in whatever order, the params pass parseParams.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, FORMATS, parseParams, VIDEO_CODECS, type RenderParams } from '../../engine/params';
import { clipFileName, extensionFor, uniqueNames, zipClips } from '../../ui/download';
import { codecsFor, encodersFor, fpsChoicesFor, GIF_LONG_SIDE, withCodec, withFormat } from '../../ui/output-options';
import { sizeChoices } from '../../ui/output-size';

describe('output choices', () => {
  it('brings size and frame rate into GIF limits on choosing GIF, keeping the aspect', () => {
    const p = withFormat({ ...DEFAULT_PARAMS, width: 1920, height: 1080, fps: 60, encoder: 'webcodecs' }, 'gif');
    expect(p).toMatchObject({ format: 'gif', width: GIF_LONG_SIDE, height: 360, fps: 30, encoder: 'auto' });
    expect(() => parseParams(p)).not.toThrow();
    const small = withFormat({ ...DEFAULT_PARAMS, width: 480, height: 270, fps: 24 }, 'gif');
    expect(small).toMatchObject({ width: 480, height: 270, fps: 24 });
    expect(fpsChoicesFor('gif')).toEqual([24, 25, 30]);
    expect(Math.max(...sizeChoices('16:9', { width: 640, height: 360 }, null, 1280).map((s) => s.width))).toBe(1280);
  });

  it('offers WebM only VP9 and AV1, and moves an H.264 clip to VP9', () => {
    expect(codecsFor('webm')).toEqual(['vp9', 'av1']);
    expect(withFormat(DEFAULT_PARAMS, 'webm')).toMatchObject({ format: 'webm', codec: 'vp9' });
    expect(withFormat({ ...DEFAULT_PARAMS, codec: 'av1' }, 'webm')).toMatchObject({ codec: 'av1' });
  });

  it('drops an encoder that cannot make the codec', () => {
    expect(withCodec({ ...DEFAULT_PARAMS, encoder: 'ffmpeg' }, 'av1')).toMatchObject({ codec: 'av1', encoder: 'auto' });
    expect(encodersFor({ format: 'mp4', codec: 'av1' })).not.toContain('ffmpeg');
    expect(encodersFor({ format: 'gif', codec: 'h264' })).not.toContain('webcodecs');
  });

  it('never leaves an invalid combination, in any order of choices', () => {
    const starts: RenderParams[] = [];
    for (const format of FORMATS) for (const codec of VIDEO_CODECS) for (const encoder of ['auto', 'webcodecs', 'ffmpeg'] as const) {
      const p = { ...DEFAULT_PARAMS, width: 3840, height: 2160, fps: 60 as const, format, codec, encoder };
      try {
        starts.push(parseParams(p));
      } catch {
        // Invalid starting points cannot be held by the UI either.
      }
    }
    for (const start of starts) {
      for (const format of FORMATS) {
        const p = withFormat(start, format);
        expect(() => parseParams(p)).not.toThrow();
        for (const codec of codecsFor(format)) {
          const q = withCodec(p, codec);
          expect(() => parseParams(q)).not.toThrow();
          for (const encoder of encodersFor(q)) expect(() => parseParams({ ...q, encoder })).not.toThrow();
        }
      }
    }
  });
});

describe('file names', () => {
  it('names a clip after its node, template and size, with the format’s extension', () => {
    expect(clipFileName('Hero / Banner ✨', 'zoom-in', 1080, 1920, 'video/mp4')).toBe('Hero-Banner-zoom-in-1080x1920.mp4');
    expect(clipFileName('Hero', 'pan-left', 640, 360, 'video/webm; codecs="vp09.00.10.08"')).toBe('Hero-pan-left-640x360.webm');
    expect(clipFileName('', 'film', 640, 360, 'image/gif')).toBe('clip-film-640x360.gif');
    expect(extensionFor('application/x-unknown')).toBe('bin');
  });

  it('numbers repeats so no zip entry replaces another', () => {
    expect(uniqueNames(['a.mp4', 'b.mp4', 'a.mp4', 'A.mp4', 'a-2.mp4'])).toEqual(['a.mp4', 'b.mp4', 'a-2.mp4', 'A-3.mp4', 'a-2-2.mp4']);
  });

  it('zips clips stored as they are, under unique names', () => {
    const one = new Uint8Array([1, 2, 3]);
    const two = new Uint8Array(1000).fill(7);
    const zip = zipClips([
      { name: 'a.mp4', bytes: one },
      { name: 'a.mp4', bytes: two },
    ]);
    // Stored, not deflated: the zip is no smaller than what it holds.
    expect(zip.byteLength).toBeGreaterThan(one.byteLength + two.byteLength);
    expect(unzipSync(zip)).toEqual({ 'a.mp4': one, 'a-2.mp4': two });
  });
});
