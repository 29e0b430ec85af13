// Getting the clip out, through the real plugin in the harness: Place on canvas
// (and its refusal), a batch zip, cancel, quick animate and Re-animate.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { download, placeOnCanvas, timeClick, renderAndDownload, seedFor, selectImage, selectImages, waitForClip, type HarnessSession } from '../../cli/drive';
import { DEFAULT_PARAMS, LIMITS, parseParams, type RenderParams } from '../../engine/params';
import type { NodeDescription } from '../../host/harness-api';
import { PLACE_GAP } from '../../plugin/place-clip';
import { RELAUNCH_DATA_KEY } from '../../plugin/relaunch';
import { root, useHarness } from './browser';
import { decodeAll, probe, saveTemp } from './media';

const harness = useHarness();
const fixture = (name: string) => new Uint8Array(readFileSync(join(root, 'test/fixtures', name)));
const astronaut = fixture('astronaut.png');
const params: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', duration: 1, fps: 24, width: 320, height: 180 };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const nodes = (session: HarnessSession) => session.page.evaluate(() => window.harness.nodes()) as Promise<NodeDescription[]>;

/** The frame placed for a source node: a new node named after it. */
async function placedFor(session: HarnessSession, source: NodeDescription): Promise<NodeDescription> {
  const placed = (await nodes(session)).find((n) => n.name === `${source.name} (animated)`);
  if (!placed) throw new Error(`nothing placed for ${source.name}`);
  return placed;
}

async function expectPlacedBeside(session: HarnessSession, source: NodeDescription, clip: Uint8Array, size: { width: number; height: number }) {
  const frame = await placedFor(session, source);
  expect(frame).toMatchObject({ type: 'FRAME', parentId: source.parentId, x: source.x + source.width + PLACE_GAP, y: source.y, height: source.height });
  expect(frame.width).toBe(Math.round((source.height * size.width) / size.height));
  expect(frame.fills).toHaveLength(1);
  expect(frame.fills[0]).toMatchObject({ type: 'VIDEO', scaleMode: 'FILL' });
  const stored = await session.page.evaluate((hash) => window.harness.mediaDigest(hash), frame.fills[0]!.hash!);
  expect(stored).toEqual({ sha256: sha256(clip), bytes: clip.byteLength });
  expect(Object.keys(frame.pluginData)).toEqual([RELAUNCH_DATA_KEY]);
  expect(Object.keys(frame.relaunchData)).toEqual(['reanimate']);
  return frame;
}

describe('place on canvas (figma host)', () => {
  it('inserts a frame with the clip as a video fill beside the node, the same bytes as the download', async () => {
    const session = await harness.open('figma', seedFor(params));
    await selectImage(session, 'Astronaut', astronaut);
    const { bytes, fileName } = await renderAndDownload(session);
    expect(fileName).toBe('Astronaut-zoom-in-320x180.mp4');
    const answers = await placeOnCanvas(session);
    expect(answers).toEqual([{ outcome: 'placed', text: 'Placed “Astronaut (animated)” beside “Astronaut”.' }]);
    const [source] = await nodes(session);
    const frame = await expectPlacedBeside(session, source!, bytes, params);
    expect(JSON.parse(frame.pluginData[RELAUNCH_DATA_KEY]!)).toEqual(params);
    expect(await session.page.evaluate(() => window.harness.notifications.map((n) => n.text))).toContain('Placed “Astronaut (animated)” beside “Astronaut”.');
  });

  it('says why where the plan takes no video, places nothing, and still offers the download', async () => {
    const session = await harness.open('figma', { ...seedFor(params), videoAllowed: false });
    await selectImage(session, 'Astronaut', astronaut);
    const { bytes } = await renderAndDownload(session);
    const before = await nodes(session);
    const [answer] = await placeOnCanvas(session);
    expect(answer!.outcome).toBe('no-video');
    expect(answer!.text).toContain('Uploading videos only works in files in paid Pro teams');
    expect(answer!.text).toMatch(/paid Professional, Organization and Education teams\. Download the clip instead\./);
    expect(await session.ui.getAttribute('[data-testid=place-answer]', 'role')).toBe('alert');
    expect(await nodes(session)).toEqual(before);
    const again = await download(session);
    expect(sha256(again.bytes)).toBe(sha256(bytes));
  });
});

describe('render all (secure host)', () => {
  it('renders one clip per selected node into one zip, and places each beside its node', async () => {
    const session = await harness.open('secure', seedFor(params));
    const images = [
      { name: 'Astronaut', bytes: astronaut },
      { name: 'Cat', bytes: fixture('chelsea.png') },
      { name: 'Cat', bytes: fixture('coffee.png') },
    ];
    await selectImages(session, images);
    await session.ui.click('[data-testid=render-all]');
    // Overall progress shows which clip of how many.
    await session.ui.waitForSelector('[data-testid=batch-status]:has-text("of 3")', { timeout: 120_000 });
    await waitForClip(session);
    const { bytes, fileName } = await download(session);
    expect(fileName).toBe('stillmotion-3-clips-zoom-in-320x180.zip');
    const files = unzipSync(bytes);
    // Two nodes share a name: the second gets a number instead of replacing the first.
    expect(Object.keys(files)).toEqual(['Astronaut-zoom-in-320x180.mp4', 'Cat-zoom-in-320x180.mp4', 'Cat-zoom-in-320x180-2.mp4']);
    const digests = new Set<string>();
    for (const [name, clip] of Object.entries(files)) {
      const path = saveTemp(clip, name);
      expect(probe(path).stream).toMatchObject({ codec_name: 'h264', width: 320, height: 180, nb_frames: '24' });
      expect(decodeAll(path)).toEqual({ errors: '', frames: 24 });
      digests.add(sha256(clip));
    }
    // Each node's own picture.
    expect(digests.size).toBe(3);

    const answers = await placeOnCanvas(session, 3);
    expect(answers.map((a) => a.outcome)).toEqual(['placed', 'placed', 'placed']);
    const all = await nodes(session);
    const sources = all.filter((n) => !n.name.endsWith('(animated)'));
    const placed = all.filter((n) => n.name.endsWith('(animated)'));
    expect(placed).toHaveLength(3);
    for (const [i, source] of sources.entries()) {
      const frame = placed[i]!;
      expect(frame).toMatchObject({ name: `${source.name} (animated)`, x: source.x + source.width + PLACE_GAP, y: source.y });
      const stored = await session.page.evaluate((hash) => window.harness.mediaDigest(hash), frame.fills[0]!.hash!);
      expect(stored?.sha256).toBe(sha256(Object.values(files)[i]!));
    }
  });
});

describe('cancel a batch (secure host)', () => {
  it('stops the batch at once, and the picture in the editor renders again', async () => {
    const session = await harness.open('secure', seedFor({ ...params, duration: 4 }));
    await selectImages(session, [
      { name: 'Astronaut', bytes: astronaut },
      { name: 'Cat', bytes: fixture('chelsea.png') },
      { name: 'Coffee', bytes: fixture('coffee.png') },
    ]);
    const { ui } = session;
    await ui.click('[data-testid=render-all]');
    await ui.waitForSelector('[data-testid=batch-status]:has-text("Clip 2 of 3")', { timeout: 120_000 });
    await ui.click('button:has-text("Cancel")');
    await ui.waitForSelector('[data-testid=render-all]:not([disabled])', { timeout: 5_000 });
    // Nothing more of the batch: no progress, no clips.
    await session.page.waitForTimeout(1000);
    expect(await ui.locator('.render progress').count()).toBe(0);
    expect(await ui.locator('[data-testid=download]').count()).toBe(0);
    await ui.fill('input[name=duration]', '1');
    const { bytes, fileName } = await renderAndDownload(session);
    // The editor's picture is the first node's again.
    expect(fileName).toBe('Astronaut-zoom-in-320x180.mp4');
    expect(probe(saveTemp(bytes, fileName)).stream).toMatchObject({ width: 320, height: 180, nb_frames: '24' });
  });
});

describe('cancel (figma host)', () => {
  it('gives the UI back within half a second of the click, and the next render works', async () => {
    const session = await harness.open('figma', seedFor({ ...params, duration: 8, width: 640, height: 360 }));
    await selectImage(session, 'Astronaut', astronaut);
    const { ui } = session;
    await ui.click('[data-testid=render]');
    await ui.waitForFunction(() => (document.querySelector('.render progress.item') as HTMLProgressElement | null)?.value! >= 2, undefined, { timeout: 120_000 });
    // Timed inside the UI, from the click event to an enabled Render button.
    expect(await timeClick(ui, 'button:has-text("Cancel")', '[data-testid=render]:not([disabled])')).toBeLessThan(500);
    expect(await ui.textContent('.notice')).toContain('cancelled');
    // The worker that was rendering is gone: no more progress comes from it.
    expect(await ui.locator('.render progress').count()).toBe(0);

    // Duration only: a new size would re-export the picture, a reload this test is not about.
    await ui.fill('input[name=duration]', '1');
    const { bytes, stats } = await renderAndDownload(session);
    expect(stats).toMatchObject({ width: 640, height: 360, frames: 24 });
    expect(decodeAll(saveTemp(bytes, 'after-cancel.mp4'))).toEqual({ errors: '', frames: 24 });
  });
});

describe('quick animate (figma host)', () => {
  it('renders at once in the small window with the quick template, then offers Download and Place on canvas', async () => {
    const session = await harness.open('figma', { ...seedFor({ ...params, template: 'zoom-in' }), command: 'quick:pan-right' });
    const size = await session.page.$eval('iframe', (f) => [(f as HTMLIFrameElement).width, (f as HTMLIFrameElement).height]);
    expect(size).toEqual(['300', '140']);
    await session.ui.waitForSelector('[data-testid=quick]');
    await selectImage(session, 'Astronaut', astronaut);
    await waitForClip(session);
    // Everything the window shows fits it: no scrolling to reach the buttons.
    const scroll = await session.ui.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
    expect(scroll[0]).toBeLessThanOrEqual(scroll[1]!);
    expect(await session.ui.isVisible('[data-testid=place]')).toBe(true);
    const { bytes, fileName } = await download(session);
    expect(fileName).toBe('Astronaut-pan-right-320x180.mp4');
    expect(probe(saveTemp(bytes, fileName)).stream).toMatchObject({ width: 320, height: 180, nb_frames: '24' });
    const [answer] = await placeOnCanvas(session);
    expect(answer!.outcome).toBe('placed');
    const [source] = await nodes(session);
    await expectPlacedBeside(session, source!, bytes, params);
  });
});

describe('re-animate (figma host)', () => {
  it('starts from the params stored on the node and renders with them', async () => {
    const stored: RenderParams = { ...params, template: 'pan-left', duration: 1.5, fps: 24, width: 256, height: 320, intensity: 0.4 };
    const session = await harness.open('figma', {
      ...seedFor(params),
      command: 'reanimate',
      images: [{ name: 'Astronaut', base64: Buffer.from(astronaut).toString('base64'), pluginData: { [RELAUNCH_DATA_KEY]: JSON.stringify(stored) } }],
    });
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])', { timeout: 60_000 });
    expect(await session.ui.locator('[data-template="pan-left"] input').isChecked()).toBe(true);
    const { bytes, stats } = await renderAndDownload(session);
    expect(stats).toMatchObject({ template: 'pan-left', width: 256, height: 320, frames: 36 });
    expect(probe(saveTemp(bytes, 'reanimated.mp4')).stream).toMatchObject({ width: 256, height: 320, nb_frames: '36' });
    // The node keeps the params and the button, and nothing else.
    const [node] = await nodes(session);
    expect(Object.keys(node!.pluginData)).toEqual([RELAUNCH_DATA_KEY]);
    expect(JSON.parse(node!.pluginData[RELAUNCH_DATA_KEY]!)).toEqual(stored);
    expect(node!.relaunchData).toEqual({ reanimate: 'pan-left, 1.5 s, 256×320' });
  });
});

describe('output choices (figma host)', () => {
  it('keeps every combination valid, marks the matching social preset, and stores the choices', async () => {
    const session = await harness.open('figma', seedFor({ ...params, width: 1920, height: 1080, fps: 60 }));
    await selectImage(session, 'Astronaut', astronaut);
    const { ui, page } = session;
    const sent = () => page.evaluate(() => (window.harness.toSandbox as { type: string; params?: RenderParams }[]).filter((m) => m.type === 'settings').map((m) => m.params!));
    const last = async () => (await sent()).at(-1);

    await ui.click('[data-preset=vertical]');
    await expect.poll(last).toMatchObject({ width: 1080, height: 1920, fps: 30, format: 'mp4', codec: 'h264' });
    expect(await ui.getAttribute('[data-preset=vertical]', 'aria-pressed')).toBe('true');
    expect(await ui.getAttribute('[data-preset=square]', 'aria-pressed')).toBe('false');

    // WebM offers VP9 and AV1 only, and H.264 moves to VP9; the preset no longer matches.
    await ui.selectOption('select[name=format]', 'webm');
    await expect.poll(last).toMatchObject({ format: 'webm', codec: 'vp9' });
    expect(await ui.$$eval('select[name=codec] option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['vp9', 'av1']);
    expect(await ui.locator('.preset[aria-pressed=true]').count()).toBe(0);

    // GIF brings the size and the rate into its limits and shows its own choices.
    await ui.selectOption('select[name=fps]', '60');
    await expect.poll(last).toMatchObject({ fps: 60 });
    await ui.selectOption('select[name=format]', 'gif');
    await expect.poll(last).toMatchObject({ format: 'gif', width: 360, height: 640, fps: 30 });
    expect(await ui.$$eval('select[name=fps] option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['24', '25', '30']);
    const sides = await ui.$$eval('select[name=size] option', (o) => o.map((x) => (x as HTMLOptionElement).value.split('x').map(Number)));
    expect(Math.max(...sides.flat())).toBeLessThanOrEqual(LIMITS.gifMaxSide);
    await ui.selectOption('select[name=gif-colours]', '64');
    await ui.selectOption('select[name=gif-dither]', 'diffusion');
    await ui.selectOption('select[name=gif-loop]', 'once');
    await ui.click('details.advanced summary');
    expect(await ui.$$eval('select[name=encoder] option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['auto', 'ffmpeg']);
    await ui.selectOption('select[name=workers]', '2');
    await expect.poll(last).toMatchObject({ gif: { colours: 64, dither: 'diffusion', loop: false }, workers: 2 });

    // Nothing the UI sent ever failed the schema.
    for (const p of await sent()) expect(() => parseParams(p)).not.toThrow();
    expect(await page.evaluate(() => window.harness.storage().settings)).toMatchObject({ format: 'gif', workers: 2, gif: { colours: 64, dither: 'diffusion', loop: false } });
  });
});
