// Drives the built plugin inside the harness, in headless Chromium, exactly as
// a designer would: the sandbox exports the selected image, the UI renders it,
// Download saves the MP4. Shared by `npm run animate` and the browser tests.
import { readFile } from 'node:fs/promises';
import type { Frame, Page, Request, Worker } from 'playwright-core';
import type { RenderParams } from '../engine/params';
import type { HarnessApi, HostMode } from '../host/harness-api';
import type { HarnessSeed } from '../host/harness-seed';
import type { ToSandbox } from '../plugin/messages';
import type { Browser } from './chromium';

export type RenderedStats = Extract<ToSandbox, { type: 'rendered' }>['stats'];

export interface HarnessSession {
  page: Page;
  /** The plugin UI's frame. */
  ui: Frame;
  /** Network requests made by the plugin (its frame and workers), by URL: must stay empty. */
  pluginRequests: string[];
  /** Console lines that report a Content-Security-Policy violation, from any frame. */
  cspViolations: string[];
  /** Uncaught errors in the host page or the plugin. */
  pageErrors: string[];
  /** The latest console errors and warnings from the page, the plugin and its workers: told when a job stalls. */
  console: string[];
}

declare global {
  interface Window {
    harness: HarnessApi;
  }
}

/** data: and blob: URLs are in-memory: they are how the plugin loads its own parts, not network traffic. */
const isNetwork = (url: string) => !/^(data|blob|about):/i.test(url);

/** A script run in every frame of the page before its own scripts (the plugin UI's frame included). */
export type InitScript = () => void;

export async function openHarness(browser: Browser, baseUrl: string, host: HostMode, seed: HarnessSeed = {}, init: InitScript | readonly InitScript[] = []): Promise<HarnessSession> {
  const page = await browser.context.newPage();
  const session: Omit<HarnessSession, 'ui'> = { page, pluginRequests: [], cspViolations: [], pageErrors: [], console: [] };
  /** The host page's own requests, and any request of another page in the same browser (a test may hold two). */
  const notThisPlugin = (request: Request) => {
    try {
      const frame = request.frame();
      return frame === page.mainFrame() || frame.page() !== page;
    } catch {
      return false; // a worker's request has no frame: it is the plugin's
    }
  };
  browser.context.on('request', (request) => {
    if (isNetwork(request.url()) && !notThisPlugin(request)) session.pluginRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) session.cspViolations.push(message.text());
    if (message.type() === 'error' || message.type() === 'warning') {
      session.console.push(`${message.type()}: ${message.text()}`);
      if (session.console.length > 20) session.console.shift();
    }
  });
  page.on('pageerror', (error) => session.pageErrors.push(error.message));
  await page.addInitScript((s) => {
    (window as unknown as { harnessSeed: unknown }).harnessSeed = s;
  }, seed);
  for (const script of [init].flat()) await page.addInitScript(script);
  await page.goto(`${baseUrl}?host=${host}`);
  await page.evaluate(() => window.harness.ready);
  const ui = page.frames().find((f) => f !== page.mainFrame());
  if (!ui) throw new Error('The plugin UI frame did not open.');
  return { ...session, ui };
}

export interface RenderOutcome {
  bytes: Uint8Array;
  fileName: string;
  stats: RenderedStats;
}

/** Selects an image in the fake canvas and waits until the UI has loaded it, by name (or reported why not). */
export async function selectImage(session: HarnessSession, name: string, bytes: Uint8Array): Promise<void> {
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  try {
    await session.page.evaluate(
      ([n, b64]) => window.harness.addImage({ name: n, bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) }),
      [name, base64] as const,
    );
  } catch {
    // The canvas (like Figma's) cannot hold what the browser cannot decode.
    throw new Error(`${name} is not an image this browser can decode.`);
  }
  // The previous picture leaves Render enabled: wait for this one's name too, or a render would race its loading.
  await session.ui.waitForFunction(
    (n) =>
      document.querySelector('.notice.error') ||
      (document.querySelector('.subject')?.getAttribute('title') === n && !document.querySelector('[data-testid=render]')?.hasAttribute('disabled')),
    name,
    { timeout: 60_000 },
  );
  const error = await uiError(session.ui);
  if (error) throw new Error(error);
}

async function uiError(ui: Frame): Promise<string | null> {
  return ui.evaluate(() => document.querySelector('.notice.error, .render .error')?.textContent ?? null);
}

/** How long the render panel may show exactly the same thing before the job counts as stalled. */
const STALL_MS = 120_000;

/**
 * Waits until the clip (or batch) in progress is done, reporting progress; throws the UI's error,
 * or, should the render panel not change for STALL_MS, what it showed and the latest console errors.
 */
export async function waitForClip(session: HarnessSession, onProgress?: (done: number, total: number) => void): Promise<void> {
  const { ui, page } = session;
  let shown = '';
  let since = performance.now();
  for (;;) {
    const state = await ui.evaluate(() => {
      const progress = document.querySelector('.render progress.item') as HTMLProgressElement | null;
      return {
        done: progress ? progress.value : null,
        total: progress ? progress.max : null,
        finished: !!document.querySelector('[data-testid=download]'),
        error: document.querySelector('.render .error')?.textContent ?? null,
        panel: `${document.querySelector('.render')?.textContent ?? '(no render panel)'} [${progress?.value ?? '-'}/${progress?.max ?? '-'}]`,
        // Shown only when the job stalls: what else the plugin said, and whether Render could be clicked.
        notice: document.querySelector('.notice')?.textContent ?? '(no notice)',
        renderEnabled: !(document.querySelector('[data-testid=render]') as HTMLButtonElement | null)?.disabled,
        clicks: (window as unknown as { clickLog?: string[] }).clickLog?.join(', ') || 'none seen',
      };
    });
    if (state.error) throw new Error(state.error);
    if (state.finished) return;
    if (state.done !== null && state.total !== null) onProgress?.(state.done, state.total);
    if (state.panel !== shown) [shown, since] = [state.panel, performance.now()];
    else if (performance.now() - since > STALL_MS) {
      throw new Error(
        `The render stalled: for ${STALL_MS / 1000} s the plugin showed "${shown}" (notice: ${state.notice}; Render ${state.renderEnabled ? 'enabled' : 'disabled'}; clicks landed on: ${state.clicks}). ` +
          `Latest console: ${session.console.join(' | ') || '(none)'}`,
      );
    }
    await page.waitForTimeout(200);
  }
}

/**
 * Clicks `target` and returns the milliseconds, timed inside the UI, from the
 * click event to the first moment `ready` (plain CSS, no Playwright extensions) matches. Playwright's own click waits
 * for the page to settle first, which on a loaded machine says nothing of the plugin.
 */
export async function timeClick(ui: Frame, target: string, ready: string): Promise<number> {
  await ui.evaluate((selector) => {
    const w = window as unknown as { clickTiming: { clicked?: number; ready?: number } };
    const timing: { clicked?: number; ready?: number } = (w.clickTiming = {});
    document.addEventListener('click', (e) => (timing.clicked ??= e.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (timing.clicked !== undefined && document.querySelector(selector)) {
        timing.ready = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, ready);
  await ui.click(target);
  await ui.waitForSelector(ready, { timeout: 10_000 });
  const timing = await ui.evaluate(() => (window as unknown as { clickTiming: { clicked: number; ready: number } }).clickTiming);
  return timing.ready - timing.clicked;
}

/** Clicks Download and returns the file the browser saved. */
export async function download(session: HarnessSession): Promise<{ bytes: Uint8Array; fileName: string }> {
  const [saved] = await Promise.all([session.page.waitForEvent('download'), session.ui.click('[data-testid=download]')]);
  return { bytes: new Uint8Array(await readFile(await saved.path())), fileName: saved.suggestedFilename() };
}

/**
 * Clicks the element with this test id until the UI's document sees the click (three tries). Seen here: right
 * after a 4K job in the same browser, a Playwright click on an enabled, visible Render reached
 * no element of the UI at all, and the job never started (headless Chromium routes input by
 * the compositor's last frame, which may lag the layout: a likely cause, not proven).
 */
async function clickSeen(session: HarnessSession, testid: string): Promise<void> {
  const { ui, page } = session;
  const selector = `[data-testid=${testid}]`;
  // Where clicks land, also for a stall report: a click that missed Render looks just like a job that never started.
  await ui.evaluate(() => {
    const w = window as unknown as { clickLog?: string[] };
    if (w.clickLog) {
      w.clickLog.length = 0;
      return;
    }
    w.clickLog = [];
    document.addEventListener('click', (e) => {
      const el = e.target as HTMLElement;
      w.clickLog!.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
    }, true);
  });
  const seen = () => ui.evaluate((id) => (window as unknown as { clickLog: string[] }).clickLog.some((c) => c.includes(`[data-testid=${id}]`)), testid);
  for (let attempt = 1; ; attempt++) {
    await ui.click(selector);
    for (let wait = 0; wait < 5 && !(await seen()); wait++) await page.waitForTimeout(200);
    if ((await seen()) || attempt === 3) return;
    console.warn(`${selector}: click ${attempt} did not reach the plugin's document; clicking again`);
  }
}

/** Clicks Render, reports progress, and returns the downloaded clip. */
export async function renderAndDownload(session: HarnessSession, onProgress?: (done: number, total: number) => void): Promise<RenderOutcome> {
  const { ui, page } = session;
  const before = (await page.evaluate(() => window.harness.toSandbox.length)) as number;
  await clickSeen(session, 'render');
  await waitForClip(session, onProgress);
  const { bytes, fileName } = await download(session);
  const rendered = (await page.evaluate((from) => window.harness.toSandbox.slice(from), before)) as ToSandbox[];
  const message = rendered.find((m): m is Extract<ToSandbox, { type: 'rendered' }> => m.type === 'rendered');
  if (!message) throw new Error('The UI did not report the finished clip to the sandbox.');
  return { bytes, fileName, stats: message.stats };
}

export interface PlaceAnswerText {
  outcome: string;
  text: string;
}

/** Clicks "Place on canvas" and returns what the UI then says for each clip. */
export async function placeOnCanvas(session: HarnessSession, clips = 1): Promise<PlaceAnswerText[]> {
  await session.ui.click('[data-testid=place]');
  await session.ui.waitForFunction((n) => document.querySelectorAll('[data-testid=place-answer]').length >= n, clips, { timeout: 60_000 });
  return session.ui.$$eval('[data-testid=place-answer]', (items) => items.map((p) => ({ outcome: (p as HTMLElement).dataset.outcome ?? '', text: p.textContent ?? '' })));
}

/** Adds images to the fake canvas, selects them all, and waits until the UI offers "Render all". */
export async function selectImages(session: HarnessSession, images: readonly { name: string; bytes: Uint8Array }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const { name, bytes } of images) {
    const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    ids.push(
      (await session.page.evaluate(
        ([n, b64]) => window.harness.addImage({ name: n, bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), select: false }),
        [name, base64] as const,
      )) as string,
    );
  }
  await session.page.evaluate((all) => window.harness.select(all), ids);
  await session.ui.waitForSelector('[data-testid=render-all]:not([disabled])', { timeout: 60_000 });
  return ids;
}

/** The plugin's engine workers now running in this session (one, unless a restart is under way). */
export async function engineWorkers(session: HarnessSession): Promise<Worker[]> {
  const engines: Worker[] = [];
  for (const worker of session.page.workers()) if ((await worker.evaluate(() => self.name)) === 'stillmotion-engine') engines.push(worker);
  return engines;
}

/** Seeds the stored settings the sandbox reads at start, so a run uses exactly these parameters. */
export const seedFor = (params: RenderParams): HarnessSeed => ({ storage: { settings: params } });
