// The template picker and the settings in the real UI (figma host): every
// template shows a thumbnail of the selected picture, each control reaches the
// sandbox's stored settings, and a click on the preview aims the camera.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedFor, selectImage, type HarnessSession } from '../../cli/drive';
import { TEMPLATES } from '../../engine/motion/templates';
import { DEFAULT_PARAMS, type RenderParams, type TemplateId } from '../../engine/params';
import type { ToSandbox } from '../../plugin/messages';
import { root, useHarness } from './browser';
import { auditWorkerMessages, waitForAnalysis } from './worker-messages';

const harness = useHarness();
const astronaut = new Uint8Array(readFileSync(join(root, 'test/fixtures/astronaut.png')));
const params: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', duration: 2, fps: 24, width: 640, height: 360 };

interface Shot {
  width: number;
  height: number;
  /** Luma per pixel. */
  luma: Float32Array;
}

/** A thumbnail as it appears on screen: the canvas belongs to the worker, so the UI cannot read it back. */
async function thumbnail(ui: Frame, id: TemplateId): Promise<Shot> {
  const png = PNG.sync.read(await ui.locator(`[data-template="${id}"] canvas`).screenshot());
  const luma = new Float32Array(png.width * png.height);
  for (let i = 0; i < luma.length; i++) luma[i] = 0.2126 * png.data[4 * i]! + 0.7152 * png.data[4 * i + 1]! + 0.0722 * png.data[4 * i + 2]!;
  return { width: png.width, height: png.height, luma };
}

function spread(shot: Shot): number {
  const mean = shot.luma.reduce((a, b) => a + b, 0) / shot.luma.length;
  return Math.sqrt(shot.luma.reduce((a, b) => a + (b - mean) ** 2, 0) / shot.luma.length);
}

function meanDifference(a: Shot, b: Shot): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  return a.luma.reduce((sum, v, i) => sum + Math.abs(v - b.luma[i]!), 0) / a.luma.length;
}

/** Every thumbnail once all show a picture (the worker draws them after the image loads). */
async function drawnThumbnails(ui: Frame): Promise<Map<TemplateId, Shot>> {
  let shots = new Map<TemplateId, Shot>();
  await expect
    .poll(
      async () => {
        shots = new Map(await Promise.all(TEMPLATES.map(async (t) => [t.id, await thumbnail(ui, t.id)] as const)));
        return Math.min(...[...shots.values()].map(spread));
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBeGreaterThan(20);
  return shots;
}

const lastSettings = (page: Page) =>
  page.evaluate(() => (window.harness.toSandbox as ToSandbox[]).filter((m) => m.type === 'settings').at(-1)?.params ?? null);

async function open(seed: RenderParams): Promise<HarnessSession> {
  const session = await harness.open('figma', seedFor(seed));
  await selectImage(session, 'Astronaut', astronaut);
  return session;
}

describe('template picker (figma host)', () => {
  it('lists every template with a thumbnail of the picture, and keeps them after a cancel restarts the worker', async () => {
    // Long enough that the render is still running when Cancel is clicked.
    const session = await open({ ...params, duration: 8 });
    const { ui } = session;
    const tiles = ui.locator('[data-testid=templates] .template');
    expect(await tiles.locator('.name').allTextContents()).toEqual(TEMPLATES.map((t) => t.name));
    expect(await tiles.evaluateAll((labels) => labels.map((l) => l.getAttribute('title')))).toEqual(TEMPLATES.map((t) => t.description));
    expect(await ui.locator('[data-template="zoom-in"] input').isChecked()).toBe(true);

    const shots = await drawnThumbnails(ui);
    // Different moves show different parts of the picture.
    expect(meanDifference(shots.get('zoom-out')!, shots.get('pan-left')!)).toBeGreaterThan(4);
    expect(meanDifference(shots.get('tilt-up')!, shots.get('tilt-down')!)).toBeGreaterThan(4);

    await ui.click('[data-testid=render]');
    await ui.waitForSelector('button:has-text("Cancel")');
    await ui.click('button:has-text("Cancel")');
    await ui.waitForSelector('[data-testid=render]:not([disabled])');
    await drawnThumbnails(ui);
    expect((await auditWorkerMessages(ui)).problems).toEqual([]);
  });
});

describe('settings (figma host)', () => {
  it('sends the chosen template, intensity, easing, loop and aspect to the sandbox, which stores them', async () => {
    const session = await open(params);
    const { ui, page } = session;
    await drawnThumbnails(ui);

    await ui.click('[data-template="pan-left"]');
    await expect.poll(() => lastSettings(page)).toMatchObject({ template: 'pan-left' });
    expect(await ui.locator('[data-template="pan-left"] input').isChecked()).toBe(true);

    await ui.fill('input[name=intensity]', '0.25');
    await expect.poll(() => lastSettings(page)).toMatchObject({ template: 'pan-left', intensity: 0.25 });
    expect(await ui.textContent('label:has(input[name=intensity]) output')).toBe('25%');

    await ui.selectOption('select[name=easing]', 'linear');
    await ui.selectOption('select[name=loop]', 'boomerang');
    await expect.poll(() => lastSettings(page)).toMatchObject({ easing: 'linear', loop: 'boomerang' });

    // An aspect keeps the long side; the size list then offers that aspect's sizes.
    await ui.selectOption('select[name=aspect]', '9:16');
    await expect.poll(() => lastSettings(page)).toMatchObject({ width: 360, height: 640 });
    await ui.selectOption('select[name=size]', '1080x1920');
    await expect.poll(() => lastSettings(page)).toMatchObject({ width: 1080, height: 1920 });
    // The astronaut is square: `source` gives a square of the same long side.
    await ui.selectOption('select[name=aspect]', 'source');
    await expect.poll(() => lastSettings(page)).toMatchObject({ width: 1920, height: 1920 });

    const stored = await page.evaluate(() => window.harness.storage().settings);
    expect(stored).toMatchObject({ template: 'pan-left', intensity: 0.25, easing: 'linear', loop: 'boomerang', width: 1920, height: 1920 });
  });

  it('starts from stored settings with every new field', async () => {
    const seeded: RenderParams = { ...params, template: 'film', intensity: 0.2, focus: { x: 0.3, y: 0.7 }, easing: 'ease-out', loop: 'seamless', width: 1080, height: 1350 };
    const { ui } = await open(seeded);
    expect(await ui.locator('[data-template="film"] input').isChecked()).toBe(true);
    expect(await ui.textContent('label:has(input[name=intensity]) output')).toBe('20%');
    expect(await ui.inputValue('select[name=easing]')).toBe('ease-out');
    expect(await ui.inputValue('select[name=loop]')).toBe('seamless');
    expect(await ui.inputValue('select[name=aspect]')).toBe('4:5');
    expect(await ui.inputValue('select[name=size]')).toBe('1080x1350');
    expect(await ui.textContent('[data-testid=focus]')).toBe('30% across, 70% down');
  });
});

describe('focus point (figma host)', () => {
  it('aims the camera at the point clicked in the preview, marks it, and Auto hands it back', async () => {
    // A still square clip of a square picture: the preview shows the whole picture in every frame.
    const session = await open({ ...params, intensity: 0, width: 640, height: 640 });
    const { ui, page } = session;
    await drawnThumbnails(ui);
    // The worker answers the click once the analysis has let go of it.
    await waitForAnalysis(ui);
    const preview = ui.locator('.preview canvas');

    for (const [u, v] of [
      [0.5, 0.5],
      [0.3, 0.65],
    ] as const) {
      const size = (await preview.boundingBox())!;
      await preview.click({ position: { x: u * size.width, y: v * size.height } });
      // Clicking scrolls the preview into view: where it is now.
      const box = (await preview.boundingBox())!;
      const near = (f: RenderParams['focus']) => !!f && Math.abs(f.x - u) < 0.02 && Math.abs(f.y - v) < 0.02;
      await expect.poll(async () => near((await lastSettings(page))?.focus ?? null), { timeout: 10_000 }).toBe(true);
      const focus = (await lastSettings(page))!.focus!;
      const marker = (await ui.locator('.focus-marker').boundingBox())!;
      expect(Math.abs(marker.x + marker.width / 2 - (box.x + u * box.width))).toBeLessThan(2);
      expect(Math.abs(marker.y + marker.height / 2 - (box.y + v * box.height))).toBeLessThan(2);
      expect(await ui.textContent('[data-testid=focus]')).toBe(`${Math.round(focus.x * 100)}% across, ${Math.round(focus.y * 100)}% down`);
    }

    await ui.click('button:has-text("Auto")');
    await expect.poll(async () => (await lastSettings(page))?.focus).toBeNull();
    expect(await ui.locator('.focus-marker').count()).toBe(0);
    expect(await ui.isDisabled('button:has-text("Auto")')).toBe(true);
    expect((await auditWorkerMessages(ui)).problems).toEqual([]);
  });
});
