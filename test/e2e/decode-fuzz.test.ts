// Fuzz: the worker's image decoder (createImageBitmap, then fit and flatten)
// on thousands of damaged PNG, JPEG, GIF and WebP files in Chromium: each one
// decodes to a consistent picture or fails with ImageDecodeError, in bounded time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveTemp } from './media';
import { useBundledPage } from './bundled-page';
import type { FuzzTally } from './decode-page';

const page = useBundledPage(new URL('./decode-page.ts', import.meta.url), 'decodeFuzz');
const RUNS = 600;
/**
 * Per file. The worst case is a forged header declaring the largest picture a
 * format allows (WebP: 16383²), which Chromium then really decodes and the
 * decoder scales down: seconds on a busy 2-core machine (4.7 s measured), never a hang.
 */
const MAX_MS = 10_000;

/** A small test picture in each format, made by the system's ffmpeg. */
function sample(format: 'png' | 'jpg' | 'gif' | 'webp'): Uint8Array {
  const out = saveTemp(new Uint8Array(), `sample.${format}`);
  const frames = format === 'gif' ? ['-frames:v', '3'] : ['-frames:v', '1'];
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=48x32:rate=10', ...frames, out]);
  return new Uint8Array(readFileSync(out));
}

describe('fuzzed image decoding in the browser', () => {
  it.each(['png', 'jpg', 'gif', 'webp'] as const)('%s: damaged copies decode consistently or fail with ImageDecodeError', async (format) => {
    const bytes = sample(format);
    const tally = (await page().evaluate(
      ([b64, runs]) => (window as unknown as { decodeFuzz: typeof import('./decode-page') }).decodeFuzz.fuzzDecode(b64, runs, 5, 2048),
      [Buffer.from(bytes).toString('base64'), RUNS] as const,
    )) as FuzzTally;
    expect(tally.crashes).toEqual([]);
    expect(tally.decoded + tally.refused).toBe(RUNS);
    // Both outcomes happen, or the mutations are not reaching the decoder.
    expect(tally.refused).toBeGreaterThan(RUNS * 0.05);
    expect(tally.decoded).toBeGreaterThan(0);
    expect(tally.slowestMs).toBeLessThan(MAX_MS);
  });
});
