// The encoders' own throughput: the product's encoder classes in a blank
// page of the same headless Chromium, fed synthetic frames as fast as they
// take them, in 1..N workers at once. Results are cached per configuration.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../cli/chromium';
import type { LimitRequest, LimitResult } from './encoder-page';

declare global {
  interface Window {
    benchEncoder: typeof import('./encoder-page');
  }
}

const ORIGIN = 'http://localhost';

export type LimitConfig = Omit<LimitRequest, 'workerSource'>;

async function bundle(entry: string, globalName?: string): Promise<string> {
  const path = new URL(entry, import.meta.url).pathname;
  const out = await build({ entryPoints: [path], bundle: true, write: false, format: 'iife', ...(globalName ? { globalName } : {}) });
  return out.outputFiles[0]!.text;
}

export class EncoderLimit {
  private browser: Browser | null = null;
  private page: Promise<{ page: Page; workerSource: string }> | null = null;
  private ffmpegLoaded = false;
  private readonly cache = new Map<string, Promise<LimitResult>>();

  measure(config: LimitConfig): Promise<LimitResult> {
    const key = JSON.stringify(config);
    let result = this.cache.get(key);
    if (!result) {
      result = this.run(config);
      this.cache.set(key, result);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }

  private async run(config: LimitConfig): Promise<LimitResult> {
    const { page, workerSource } = await this.open();
    if (config.encoder === 'ffmpeg' && !this.ffmpegLoaded) {
      await page.evaluate(([s, w]) => window.benchEncoder.useFfmpeg(s, w), [`${ORIGIN}/ffmpeg-core.js`, `${ORIGIN}/ffmpeg-core.wasm`] as const);
      this.ffmpegLoaded = true;
    }
    const request: LimitRequest = { ...config, workerSource };
    return page.evaluate((r) => window.benchEncoder.measure(r), request);
  }

  private open(): Promise<{ page: Page; workerSource: string }> {
    this.page ??= (async () => {
      const [pageSource, workerSource] = await Promise.all([bundle('./encoder-page.ts', 'benchEncoder'), bundle('./encoder-worker.ts')]);
      this.browser = await launchChromium();
      const page = await this.browser.context.newPage();
      // A localhost page is a secure context (WebCodecs needs one; about:blank's workers are not). Playwright answers
      // its requests from here, from the files in node_modules: nothing goes to the network.
      const require = createRequire(import.meta.url);
      const files: Record<string, { path: string; contentType: string }> = {
        '/': { path: '', contentType: 'text/html' },
        '/ffmpeg-core.js': { path: require.resolve('@ffmpeg/core'), contentType: 'text/javascript' },
        '/ffmpeg-core.wasm': { path: require.resolve('@ffmpeg/core/wasm'), contentType: 'application/wasm' },
      };
      await page.route(`${ORIGIN}/**`, async (route) => {
        const file = files[new URL(route.request().url()).pathname];
        if (!file) return route.fulfill({ status: 404 });
        const body = file.path ? await readFile(file.path) : '<!doctype html><title>encoder limit</title>';
        return route.fulfill({ contentType: file.contentType, body });
      });
      await page.goto(`${ORIGIN}/`);
      await page.addScriptTag({ content: pageSource });
      return { page, workerSource };
    })();
    return this.page;
  }
}
