// A blank page in headless Chromium (software GL, as in CI) running one test
// entry bundled with esbuild, for engine code tested without the plugin around
// it. Any page error or WebGL warning fails the file.
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium, type Browser } from '../../cli/chromium';

/** Registers the hooks; the returned function gives the page inside tests. */
export function useBundledPage(entry: URL, globalName: string): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    const bundle = await build({ entryPoints: [entry.pathname], bundle: true, write: false, format: 'iife', globalName });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // WebGL reports invalid calls and incomplete textures as console warnings (its performance notes are no fault).
    page.on('console', (m) => {
      if (m.type() === 'error' || (m.type() === 'warning' && !m.text().includes(', Performance,'))) pageErrors.push(m.text());
    });
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => {
    await browser?.close();
    expect(pageErrors).toEqual([]);
  });
  return () => {
    if (!page) throw new Error('The bundled page is not open yet.');
    return page;
  };
}
