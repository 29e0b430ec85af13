import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../engine/image-header';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures', name)));

function made(format: string, size: string, extra: string[] = []): Uint8Array {
  const out = join(mkdtempSync(join(tmpdir(), 'stillmotion-header-')), `x.${format}`);
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}`, '-frames:v', '1', ...extra, out]);
  return new Uint8Array(readFileSync(out));
}

describe('readImageHeader', () => {
  it.each([
    ['astronaut.png', { format: 'png', width: 512, height: 512 }],
    ['rocket.jpg', { format: 'jpeg', width: 640, height: 427 }],
    ['inputs/progressive.jpg', { format: 'jpeg', width: 96, height: 64 }],
    ['inputs/cmyk.jpg', { format: 'jpeg', width: 96, height: 64 }],
    ['inputs/animated.gif', { format: 'gif', width: 96, height: 64 }],
    ['inputs/panorama.png', { format: 'png', width: 4000, height: 40 }],
    // Stored 96×64 with orientation 6: upright it is 64×96.
    ['inputs/exif-rotated.jpg', { format: 'jpeg', width: 64, height: 96 }],
  ])('reads %s', (file, header) => {
    expect(readImageHeader(fixture(file))).toEqual(header);
  });

  it.each([
    ['lossy WebP', 'webp', []],
    ['lossless WebP', 'webp', ['-lossless', '1']],
  ])('reads a %s', (_, format, extra) => {
    expect(readImageHeader(made(format, '322x124', extra))).toEqual({ format: 'webp', width: 322, height: 124 });
  });

  it('gives null for other formats and for damaged or short files', () => {
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(readImageHeader(fixture('rocket.jpg').slice(0, 20))).toBeNull();
    const garbled = fixture('rocket.jpg');
    garbled[2] = 0x00;
    expect(readImageHeader(garbled)).toBeNull();
  });
});
