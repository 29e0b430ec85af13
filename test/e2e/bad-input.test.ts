// Bad input through the real plugin (figma host): every case ends in a clear
// message or a correct clip, and the plugin stays usable afterwards.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineWorkers, renderAndDownload, seedFor, selectImage, type HarnessSession } from '../../cli/drive';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { root, useHarness } from './browser';
import { decodeAll, decodeFrames, probe, saveTemp } from './media';

const harness = useHarness();
const fixture = (name: string) => new Uint8Array(readFileSync(join(root, 'test/fixtures', name)));
const astronaut = fixture('astronaut.png');
/** A still (intensity 0) at a size the 96×64 fixtures cover, so the sandbox sends their own bytes, not a re-export. */
const still: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', intensity: 0, duration: 1, fps: 24, width: 64, height: 42 };

/** Adds an image fill with these bytes, taken as they are (no decoding in the host), and selects it. */
async function addFill(session: HarnessSession, name: string, bytes: Uint8Array, size: { width: number; height: number }): Promise<void> {
  const base64 = Buffer.from(bytes).toString('base64');
  await session.page.evaluate(
    ([n, b64, s]) => window.harness.addImage({ name: n, bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), size: s }),
    [name, base64, size] as const,
  );
}

/** Waits for the plugin window's notice to say this, at this level. */
async function expectNotice(session: HarnessSession, level: 'info' | 'warning' | 'error', text: RegExp): Promise<void> {
  await session.ui.waitForFunction(
    ([l, source]) => [...document.querySelectorAll(`.notice.${l}`)].some((n) => new RegExp(source).test(n.textContent ?? '')),
    [level, text.source] as const,
    { timeout: 120_000 },
  );
}

/** The plugin still works: a good image loads and Render is enabled. */
async function stillUsable(session: HarnessSession): Promise<void> {
  await session.page.evaluate(() => window.harness.select([]));
  await session.ui.waitForSelector('[data-testid=render][disabled]');
  await selectImage(session, 'Astronaut', astronaut);
  expect(await session.ui.isEnabled('[data-testid=render]')).toBe(true);
}

/** Mean RGB over a rectangle of a frame (fractions of the frame). */
function meanRgb(frame: Uint8Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number): number[] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(y0 * height); y < Math.round(y1 * height); y++) {
    for (let x = Math.round(x0 * width); x < Math.round(x1 * width); x++) {
      for (let c = 0; c < 3; c++) sum[c]! += frame[3 * (y * width + x) + c]!;
      n++;
    }
  }
  return sum.map((s) => s / n);
}

/** Renders the selected picture and returns the middle frame as RGB, after checking the clip decodes cleanly. */
async function renderMiddleFrame(session: HarnessSession, params: RenderParams): Promise<Uint8Array> {
  const { bytes, stats } = await renderAndDownload(session);
  const path = saveTemp(bytes, 'clip.mp4');
  expect(probe(path).stream).toMatchObject({ codec_name: 'h264', width: params.width, height: params.height });
  expect(decodeAll(path)).toEqual({ errors: '', frames: stats.frames });
  const frames = decodeFrames(path, params.width, params.height, 'rgb24');
  return frames[frames.length >> 1]!;
}

const RED = [208, 48, 48];
const BLUE = [48, 80, 208];
const near = (actual: number[], expected: number[], within = 24) => actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(within));

describe('nodes that cannot be animated', () => {
  it('says why for an empty selection, an empty vector, a zero-size, a hidden and a huge node, and a selection of 50; then works', async () => {
    const session = await harness.open('figma', seedFor(still));
    await session.page.evaluate(() => window.harness.select([]));
    await expectNotice(session, 'warning', /Select a frame, group or image/);
    expect(await session.ui.isDisabled('[data-testid=render]')).toBe(true);

    for (const [kind, name, message] of [
      ['empty-vector', 'Empty vector', /“Empty vector” has no visible pixels/],
      ['zero-size', 'Flat line', /“Flat line” has no visible pixels/],
      ['invisible', 'Hidden layer', /“Hidden layer” has no visible pixels/],
      ['huge', 'Enormous frame', /“Enormous frame” is too large to export/],
    ] as const) {
      await session.page.evaluate(([k, n]) => window.harness.select([window.harness.addNode(k, { name: n })]), [kind, name] as const);
      await expectNotice(session, 'warning', message);
      expect(await session.ui.isDisabled('[data-testid=render]')).toBe(true);
    }

    const ids = await session.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const added: string[] = [];
      for (let i = 0; i < 50; i++) added.push(await window.harness.addImage({ name: `Tile ${i}`, bytes, select: false }));
      return added;
    }, Buffer.from(fixture('inputs/tiny.png')).toString('base64'));
    await session.page.evaluate((all) => window.harness.select(all), ids);
    await expectNotice(session, 'warning', /Only the first 20 of the 50 selected layers are used/);
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');

    await stillUsable(session);
  });
});

describe('damaged and unusual image bytes', () => {
  it('reports truncated and corrupt PNG and JPEG bytes clearly, and stays usable', async () => {
    const session = await harness.open('figma', seedFor(still));
    const jpeg = fixture('rocket.jpg');
    const corruptJpeg = jpeg.slice();
    corruptJpeg.fill(0, 2, 600);
    for (const [name, bytes] of [
      ['Truncated PNG', astronaut.slice(0, astronaut.length >> 1)],
      ['Truncated JPEG', jpeg.slice(0, 400)],
      ['Corrupt JPEG', corruptJpeg],
      ['Not an image', new TextEncoder().encode('<svg>not really</svg>')],
    ] as const) {
      // Clear the last case's message first, so this case's own message is what is awaited.
      await session.page.evaluate(() => window.harness.select([]));
      await expectNotice(session, 'warning', /Select a frame/);
      await addFill(session, name, bytes, { width: 512, height: 512 });
      await expectNotice(session, 'error', new RegExp(`could not be decoded|damaged|unsupported`));
      expect(await session.ui.isDisabled('[data-testid=render]')).toBe(true);
    }
    await stillUsable(session);
  });

  it.each([
    ['progressive JPEG', 'progressive.jpg', { width: 96, height: 64 }],
    ['CMYK JPEG', 'cmyk.jpg', { width: 96, height: 64 }],
    ['16-bit PNG', 'rgb16.png', { width: 96, height: 64 }],
  ])('a %s renders as the picture it is', async (_, file, size) => {
    const session = await harness.open('figma', seedFor(still));
    await addFill(session, file, fixture(`inputs/${file}`), size);
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    const frame = await renderMiddleFrame(session, still);
    near(meanRgb(frame, still.width, still.height, 0.05, 0.1, 0.4, 0.9), RED, 40);
    near(meanRgb(frame, still.width, still.height, 0.6, 0.1, 0.95, 0.9), BLUE, 40);
  });

  it('turns an EXIF-rotated JPEG upright', async () => {
    const params = { ...still, width: 42, height: 64 };
    const session = await harness.open('figma', seedFor(params));
    await addFill(session, 'Rotated', fixture('inputs/exif-rotated.jpg'), { width: 64, height: 96 });
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    expect(await session.ui.textContent('.subject')).toContain('64×96');
    const frame = await renderMiddleFrame(session, params);
    // Stored 96×64 with red on the left; orientation 6 turns it a quarter clockwise: red on top.
    near(meanRgb(frame, 42, 64, 0.1, 0.05, 0.9, 0.4), RED, 40);
    near(meanRgb(frame, 42, 64, 0.1, 0.6, 0.9, 0.95), BLUE, 40);
  });

  it('composites a transparent PNG on white', async () => {
    const session = await harness.open('figma', seedFor(still));
    await addFill(session, 'Transparent', fixture('inputs/transparent.png'), { width: 96, height: 64 });
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    const frame = await renderMiddleFrame(session, still);
    near(meanRgb(frame, still.width, still.height, 0.05, 0.1, 0.4, 0.9), [255, 255, 255], 12);
    near(meanRgb(frame, still.width, still.height, 0.6, 0.1, 0.95, 0.9), BLUE, 40);
  });

  it('renders a grayscale PNG in gray', async () => {
    const session = await harness.open('figma', seedFor(still));
    await addFill(session, 'Gray', fixture('inputs/gray.png'), { width: 96, height: 64 });
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    const [r, g, b] = meanRgb(await renderMiddleFrame(session, still), still.width, still.height, 0, 0, 1, 1) as [number, number, number];
    expect(r).toBeGreaterThan(30);
    expect(Math.max(Math.abs(r - g), Math.abs(g - b))).toBeLessThan(6);
  });

  it('animates the first frame of an animated GIF fill', async () => {
    const session = await harness.open('figma', seedFor(still));
    await addFill(session, 'Animated', fixture('inputs/animated.gif'), { width: 96, height: 64 });
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    near(meanRgb(await renderMiddleFrame(session, still), still.width, still.height, 0.1, 0.1, 0.9, 0.9), [32, 192, 64], 30);
  });

  it('renders a 1×1 image as its colour and a 100:1 panorama as a clip', async () => {
    const session = await harness.open('figma', seedFor(still));
    await selectImage(session, 'Dot', fixture('inputs/tiny.png'));
    near(meanRgb(await renderMiddleFrame(session, still), still.width, still.height, 0, 0, 1, 1), [64, 160, 64], 16);
    await selectImage(session, 'Panorama', fixture('inputs/panorama.png'));
    const frame = await renderMiddleFrame(session, still);
    // The middle of a blue-to-yellow gradient.
    const [r, , b] = meanRgb(frame, still.width, still.height, 0, 0, 1, 1) as [number, number, number];
    expect(r).toBeGreaterThan(80);
    expect(b).toBeGreaterThan(60);
  });

  it('reduces a 16000×16000 image with a notice, and renders it', async () => {
    const path = saveTemp(new Uint8Array(), 'huge.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x4080c0:s=16000x16000', '-frames:v', '1', '-q:v', '20', path]);
    const session = await harness.open('figma', seedFor(still));
    await addFill(session, 'Huge photo', new Uint8Array(readFileSync(path)), { width: 16000, height: 16000 });
    await expectNotice(session, 'info', /reduced from 16000×16000 to \d+×\d+/);
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    near(meanRgb(await renderMiddleFrame(session, still), still.width, still.height, 0, 0, 1, 1), [64, 128, 192], 16);
  });
});

describe('jobs in a row', () => {
  it('renders twice back to back, and again after a cancelled render', async () => {
    const session = await harness.open('figma', seedFor({ ...still, intensity: 0.6, width: 160, height: 90 }));
    await selectImage(session, 'Astronaut', astronaut);
    const first = await renderAndDownload(session);
    const second = await renderAndDownload(session);
    expect(second.stats.frames).toBe(first.stats.frames);
    expect(second.bytes.length).toBeGreaterThan(1000);

    await session.ui.click('[data-testid=render]');
    await session.ui.click('button:has-text("Cancel")');
    await session.ui.waitForSelector('.notice:has-text("cancelled")');
    const third = await renderAndDownload(session);
    expect(decodeAll(saveTemp(third.bytes, 'third.mp4'))).toEqual({ errors: '', frames: first.stats.frames });
  });
});

describe('the engine worker dying', () => {
  it('mid-render: the UI says what happened, restarts it with the picture, and the next render works', async () => {
    const params = { ...still, intensity: 0.6, duration: 6, width: 320, height: 180 };
    const session = await harness.open('secure', seedFor(params));
    await selectImage(session, 'Astronaut', astronaut);
    await session.ui.click('[data-testid=render]');
    await session.ui.waitForFunction(() => (document.querySelector('.render progress') as HTMLProgressElement | null)?.value! >= 2, undefined, { timeout: 120_000 });
    const engines = await engineWorkers(session);
    expect(engines).toHaveLength(1);
    // An error nothing catches, as a bug in the worker would throw.
    await engines[0]!.evaluate(() => void setTimeout(() => { throw new Error('simulated failure'); }, 0));
    await expectNotice(session, 'error', /The engine stopped unexpectedly \(.*simulated failure\)\. It was restarted/);
    const { bytes, stats } = await renderAndDownload(session);
    expect(decodeAll(saveTemp(bytes, 'after-crash.mp4'))).toEqual({ errors: '', frames: stats.frames });
  });
});
