// Privacy after a job: the clip's blob: URL is gone once the download has
// taken it, and no other blob: URL the UI made during the job stays alive.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage } from '../../cli/drive';
import { DEFAULT_PARAMS } from '../../engine/params';
import { root, useHarness } from './browser';

const harness = useHarness();
const astronaut = new Uint8Array(readFileSync(join(root, 'test/fixtures/astronaut.png')));

/** Runs in every frame before its scripts: tracks the blob: URLs the page creates and revokes. */
function trackBlobUrls(): void {
  const live = new Set<string>();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create(object);
    live.add(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    live.delete(url);
    revoke(url);
  };
  (window as unknown as { liveBlobUrls: () => string[] }).liveBlobUrls = () => [...live];
}

describe('after a job', () => {
  it.each(['figma', 'secure'] as const)('the %s host keeps no blob: URL of the job alive', async (host) => {
    const session = await harness.open(host, seedFor({ ...DEFAULT_PARAMS, duration: 1, fps: 24, width: 160, height: 90 }), trackBlobUrls);
    await selectImage(session, 'Astronaut', astronaut);
    const live = () => session.ui.evaluate(() => (window as unknown as { liveBlobUrls: () => string[] }).liveBlobUrls());
    // The engine worker's script URL lives as long as the window: a cancel or a crash starts a fresh worker from it.
    const before = await live();
    expect(before).toHaveLength(1);
    await renderAndDownload(session);
    await expect.poll(live, { timeout: 5000 }).toEqual(before);
  });
});
