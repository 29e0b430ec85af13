// One local harness server and one headless Chromium per test file.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type Browser } from '../../cli/chromium';
import { startServer, type StaticServer } from '../../host/server';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function useHarness(): { browser: () => Browser; url: () => string } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ root });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser!, url: () => server!.url };
}
