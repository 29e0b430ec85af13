// `npm run animate` as a newcomer runs it: a clip and a JSON summary, or one
// clear line and a non-zero exit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../engine/params';
import { root } from './browser';
import { probe } from './media';

const dir = mkdtempSync(join(tmpdir(), 'stillmotion-cli-'));

function animate(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'cli/animate.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, signal: r.signal, error: r.error?.message, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** Everything a failed run left, for the assertion message. */
const said = (r: ReturnType<typeof animate>) => `${r.error ?? ''} signal ${r.signal}\nstderr: ${r.stderr}\nstdout: ${r.stdout}`;

describe('npm run animate', () => {
  it('renders an image to an MP4 and prints a JSON summary last', () => {
    const out = join(dir, 'coffee.mp4');
    const r = animate(join(root, 'test/fixtures/coffee.png'), '--template', 'pan-right', '--duration', '1', '--fps', '24', '--size', '320x180', '--out', out, '--json');
    expect(r.code, said(r)).toBe(0);
    const summary = JSON.parse(r.stdout.split('\n').at(-1)!);
    expect(summary).toMatchObject({ out, width: 320, height: 180, frames: 24, fps: 24, template: 'pan-right', host: 'figma', encoder: 'ffmpeg' });
    for (const stage of ['decode', 'analyse', 'render', 'encode', 'total']) expect(summary.ms[stage]).toBeGreaterThanOrEqual(0);
    expect(probe(out).stream).toMatchObject({ codec_name: 'h264', width: 320, height: 180, nb_frames: '24' });
  });

  it('renders with an aspect preset, the intensity, focus, easing and loop given', () => {
    const out = join(dir, 'coffee-source.mp4');
    const r = animate(
      join(root, 'test/fixtures/coffee.png'),
      ...['--template', 'parallax-orbit', '--aspect', 'source', '--size', '240', '--intensity', '0.3', '--focus', '0.4,0.6'],
      ...['--easing', 'linear', '--loop', 'boomerang', '--duration', '1', '--fps', '24', '--out', out, '--json'],
    );
    expect(r.code, said(r)).toBe(0);
    // coffee.png is 600×400: its own aspect at a long side of 240.
    expect(JSON.parse(r.stdout.split('\n').at(-1)!)).toMatchObject({ width: 240, height: 160, frames: 24, template: 'parallax-orbit' });
    expect(probe(out).stream).toMatchObject({ width: 240, height: 160, nb_frames: '24' });
  });

  it('renders a GIF that plays once, named .gif, and reports format, codec and encoder', () => {
    const r = animate(join(root, 'test/fixtures/coffee.png'), ...['--format', 'gif', '--gif-once', '--gif-colours', '32', '--gif-dither', 'none'], ...['--duration', '1', '--fps', '24', '--size', '160x90', '--json']);
    expect(r.code, said(r)).toBe(0);
    const summary = JSON.parse(r.stdout.split('\n').at(-1)!);
    expect(summary).toMatchObject({ out: join(dir, 'coffee-zoom-in-160x90.gif'), format: 'gif', codec: 'gif', encoder: 'ffmpeg', frames: 24 });
    expect(probe(summary.out).stream).toMatchObject({ codec_name: 'gif', width: 160, height: 90 });
  });

  it('lists the templates as JSON without building or starting a browser', () => {
    const started = performance.now();
    const r = animate('--list-templates', '--json');
    expect(r.code, said(r)).toBe(0);
    expect(r.stderr).toBe('');
    const templates = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(templates.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of templates) {
      expect(Object.keys(t).sort()).toEqual(['description', 'id', 'name', 'needs']);
      expect(t.name).toEqual(expect.any(String));
      expect(t.description).toEqual(expect.any(String));
      expect((t.needs as string[]).every((n) => ['subject', 'faces', 'depth'].includes(n))).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('lists the templates one per line', () => {
    const r = animate('--list-templates');
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout.split('\n').map((line) => line.split(/\s+/)[0])).toEqual([...TEMPLATE_IDS]);
  });

  it.each([
    ['a missing file', [join(dir, 'nope.png')], /Cannot read .*nope\.png/],
    ['a bad focus', [join(root, 'test/fixtures/coffee.png'), '--focus', '0.5'], /--focus must be x,y with both from 0 to 1/],
    ['a focus outside the image', [join(root, 'test/fixtures/coffee.png'), '--focus', '0.5,1.2'], /--focus must be x,y/],
    ['an intensity above 1', [join(root, 'test/fixtures/coffee.png'), '--intensity', '1.5'], /--intensity must be a number from 0 to 1/],
    ['an unknown aspect', [join(root, 'test/fixtures/coffee.png'), '--aspect', '3:2'], /--aspect must be one of source, 1:1/],
    ['an unknown loop', [join(root, 'test/fixtures/coffee.png'), '--loop', 'pingpong'], /--loop must be one of none, boomerang, seamless/],
    ['an unknown easing', [join(root, 'test/fixtures/coffee.png'), '--easing', 'bounce'], /--easing must be one of/],
    ['both sides with an aspect', [join(root, 'test/fixtures/coffee.png'), '--aspect', '1:1', '--size', '640x360'], /with --aspect give the long side/],
    ['an unknown template', [join(root, 'test/fixtures/coffee.png'), '--template', 'spin'], /Unknown template "spin"/],
    ['a bad size', [join(root, 'test/fixtures/coffee.png'), '--size', '99x'], /--size/],
    ['out-of-range settings', [join(root, 'test/fixtures/coffee.png'), '--fps', '1000'], /fps/],
    ['an unknown format', [join(root, 'test/fixtures/coffee.png'), '--format', 'avi'], /--format must be one of mp4, webm, gif/],
    ['H.264 in WebM', [join(root, 'test/fixtures/coffee.png'), '--format', 'webm', '--codec', 'h264'], /WebM holds VP9 or AV1/],
    ['AV1 in the Figma host', [join(root, 'test/fixtures/coffee.png'), '--codec', 'av1'], /AV1 needs WebCodecs.*try --host secure/],
    ['WebCodecs forced in the Figma host', [join(root, 'test/fixtures/coffee.png'), '--encoder', 'webcodecs'], /WebCodecs encoder was chosen/],
    ['too few GIF colours', [join(root, 'test/fixtures/coffee.png'), '--format', 'gif', '--gif-colours', '8'], /--gif-colours must be a whole number from 16 to 256/],
    ['a codec for a GIF', [join(root, 'test/fixtures/coffee.png'), '--format', 'gif', '--codec', 'vp9'], /--codec is for mp4 and webm/],
    ['a preset with a size', [join(root, 'test/fixtures/coffee.png'), '--preset', 'square', '--size', '640'], /--preset square sets the size/],
    ['too many workers', [join(root, 'test/fixtures/coffee.png'), '--workers', '9'], /--workers must be a whole number from 1 to 8/],
  ])('fails in one line for %s', (_, args, message) => {
    const r = animate(...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('fails in one line for an unreadable image', () => {
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]));
    const r = animate(broken, '--out', join(dir, 'broken.mp4'));
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('animate:'))).toEqual(['animate: broken.png is not an image this browser can decode.']);
    expect(existsSync(join(dir, 'broken.mp4'))).toBe(false);
  });
});
