// One local harness server and one headless Chromium per test file. Every
// harness session a test opens is checked after the test: the plugin must have
// made no network request and caused no Content-Security-Policy violation.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, type Browser } from '../../cli/chromium';
import { openHarness, type HarnessSession, type InitScript } from '../../cli/drive';
import type { HarnessSeed } from '../../host/harness-seed';
import type { HostMode } from '../../host/harness-api';
import { startServer, type StaticServer } from '../../host/server';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `dist`: serve a plugin built elsewhere (`node build.mjs --out-dir DIR`) instead of dist/. */
export function useHarness(options: { dist?: string } = {}): { open(host: HostMode, seed?: HarnessSeed, init?: InitScript): Promise<HarnessSession> } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const sessions: HarnessSession[] = [];
  beforeAll(async () => {
    server = await startServer({ root, ...options });
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      const hostViolations = await session.page.evaluate(() => window.harness.cspViolations);
      await session.page.close();
      expect(session.pluginRequests, 'network requests made by the plugin').toEqual([]);
      expect(session.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(hostViolations, 'CSP violations seen by the host page').toBe(0);
      expect(session.pageErrors, 'uncaught errors').toEqual([]);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    async open(host, seed, init) {
      const session = await openHarness(browser!, server!.url, host, seed, init);
      sessions.push(session);
      return session;
    },
  };
}
