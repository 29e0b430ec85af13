// The whole path through the real UI in both hosts: select → Render → Download,
// then the clip checked as a player would see it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage, timeClick } from '../../cli/drive';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { root, useHarness } from './browser';
import { decodeAll, probe, saveTemp, topLevelBoxes } from './media';

const harness = useHarness();
const astronaut = new Uint8Array(readFileSync(join(root, 'test/fixtures/astronaut.png')));
const params: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', duration: 2, fps: 30, width: 640, height: 360 };

describe.each([
  { host: 'figma', encoder: 'ffmpeg' },
  { host: 'secure', encoder: 'webcodecs' },
] as const)('$host host', ({ host, encoder }) => {
  it(`renders a photo to a faststart H.264 MP4 with ${encoder}`, async () => {
    const session = await harness.open(host, seedFor(params));
    await selectImage(session, 'Astronaut portrait', astronaut);
    const { bytes, fileName, stats } = await renderAndDownload(session);

    expect(stats.encoder).toBe(encoder);
    expect(fileName).toBe('Astronaut-portrait-zoom-in-640x360.mp4');
    expect(stats).toMatchObject({ width: 640, height: 360, frames: 60, fps: 30, template: 'zoom-in', bytes: bytes.byteLength });

    const boxes = topLevelBoxes(bytes);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const path = saveTemp(bytes, fileName);
    const { stream, format } = probe(path);
    expect(format.format_name).toContain('mp4');
    expect(stream).toMatchObject({ codec_name: 'h264', profile: 'High', width: 640, height: 360, r_frame_rate: '30/1', nb_frames: '60' });
    expect(Number(stream.duration)).toBeCloseTo(2, 2);
    expect(stream.color_primaries).toBe('bt709');
    expect(stream.color_space).toBe('bt709');
    // Both encoders write what every upload service takes as it is.
    expect(stream).toMatchObject({ pix_fmt: 'yuv420p', color_range: 'tv', color_transfer: 'bt709' });
    expect(decodeAll(path)).toEqual({ errors: '', frames: 60 });
  });
});

describe('figma host, in the UI', () => {
  it('cancels a render at once and renders again afterwards', async () => {
    const session = await harness.open('figma', seedFor({ ...params, duration: 8 }));
    await selectImage(session, 'Astronaut', astronaut);
    await session.ui.click('[data-testid=render]');
    await session.ui.waitForFunction(() => (document.querySelector('.render progress') as HTMLProgressElement | null)?.value! >= 2, undefined, {
      timeout: 120_000,
    });
    expect(await timeClick(session.ui, 'button:has-text("Cancel")', '.notice.info')).toBeLessThan(2000);
    expect(await session.ui.textContent('.notice.info')).toContain('cancelled');
    await session.ui.waitForSelector('[data-testid=render]:not([disabled])');
    await session.ui.selectOption('select[name=size]', '640x360');
    const { stats } = await renderAndDownload(session);
    expect(stats.frames).toBe(240);
  });

  it('says clearly when nothing is selected', async () => {
    const session = await harness.open('figma', seedFor(params));
    await session.page.evaluate(() => window.harness.select([]));
    await session.ui.waitForSelector('.notice:has-text("Select a frame")');
    expect(await session.ui.isDisabled('[data-testid=render]')).toBe(true);
  });
});
