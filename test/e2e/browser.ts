// One local harness server and one headless Chromium per test file. Every
// harness session a test opens is checked after the test: the plugin must have
// made no network request, caused no Content-Security-Policy violation, and
// its engine worker must have sent the UI no analysis data (faces, masks, depth),
// and clientStorage and every node's plugin data must hold render settings only.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, type Browser } from '../../cli/chromium';
import { openHarness, type HarnessSession, type InitScript } from '../../cli/drive';
import type { HarnessSeed } from '../../host/harness-seed';
import type { HostMode } from '../../host/harness-api';
import { startServer, type StaticServer } from '../../host/server';
import { parseParams } from '../../engine/params';
import { RELAUNCH_DATA_KEY } from '../../plugin/relaunch';
import { SETTINGS_KEY } from '../../plugin/settings';
import { auditWorkerMessages, recordWorkerMessages } from './worker-messages';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `dist`: serve a plugin built elsewhere (`node build.mjs --out-dir DIR`) instead of dist/; `chromiumArgs`: more flags. */
export function useHarness(options: { dist?: string; chromiumArgs?: readonly string[] } = {}): { open(host: HostMode, seed?: HarnessSeed, init?: InitScript): Promise<HarnessSession> } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const sessions: HarnessSession[] = [];
  beforeAll(async () => {
    server = await startServer({ root, dist: options.dist });
    browser = await launchChromium(options.chromiumArgs);
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      const hostViolations = await session.page.evaluate(() => window.harness.cspViolations);
      const audit = await auditWorkerMessages(session.ui);
      const [storage, nodes] = await session.page.evaluate(() => [window.harness.storage(), window.harness.nodes()] as const);
      await session.page.close();
      expect(audit.problems, 'analysis data the engine worker sent the UI').toEqual([]);
      expect(Object.keys(storage).filter((k) => k !== SETTINGS_KEY), 'clientStorage keys besides the settings').toEqual([]);
      if (SETTINGS_KEY in storage) parseParams(storage[SETTINGS_KEY]);
      for (const node of nodes) {
        expect(Object.keys(node.pluginData).filter((k) => k !== RELAUNCH_DATA_KEY), `plugin data on ${node.name}`).toEqual([]);
        if (RELAUNCH_DATA_KEY in node.pluginData) parseParams(JSON.parse(node.pluginData[RELAUNCH_DATA_KEY]!));
      }
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
      const session = await openHarness(browser!, server!.url, host, seed, [recordWorkerMessages, ...(init ? [init] : [])]);
      sessions.push(session);
      return session;
    },
  };
}
