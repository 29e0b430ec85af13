// The analysis stage in the plugin: the worker finds what the Node analysis
// finds in the same photos, and nothing of it but a summary and the rendered
// clip ever reaches the UI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../cli/image-file';
import { renderAndDownload, seedFor, selectImage } from '../../cli/drive';
import { analyseImage } from '../../engine/analysis/analyse';
import { OnnxModels } from '../../engine/analysis/onnx-models';
import { nodeOrt } from '../../engine/analysis/ort-node';
import { summariseAnalysis } from '../../engine/analysis-summary';
import type { AnalysisSummary } from '../../engine/api';
import { DEFAULT_PARAMS } from '../../engine/params';
import { buildModels } from '../../models/build-models';
import { root, useHarness } from './browser';
import { auditWorkerMessages, waitForAnalysis } from './worker-messages';

const harness = useHarness();
const fixture = (name: string) => new Uint8Array(readFileSync(join(root, 'test/fixtures', name)));

let models: OnnxModels;
beforeAll(() => {
  models = new OnnxModels(nodeOrt(), Object.fromEntries(buildModels().map((m) => [m.id, m.onnx])));
});
afterAll(() => models.dispose());

/** The engine's analysis, run under Node on the photo itself. */
async function nodeSummary(name: string): Promise<AnalysisSummary> {
  return summariseAnalysis(await analyseImage(decodeImageFile(fixture(name)), models), {}, 0);
}

describe('analysis in the plugin (figma host)', () => {
  it.each(['astronaut.png', 'rocket.jpg', 'chelsea.png'])('agrees with the Node analysis on %s', async (name) => {
    const session = await harness.open('figma', {});
    await selectImage(session, name, fixture(name));
    expect(await waitForAnalysis(session.ui)).toBe('done');
    const { summaries, problems } = await auditWorkerMessages(session.ui);
    expect(problems).toEqual([]);
    expect(summaries).toHaveLength(1);
    const browser = summaries[0]!;
    const node = await nodeSummary(name);

    // The sandbox exports the node at the clip's size, so the worker's copy may be larger: same picture, same aspect.
    expect(browser.width / browser.height).toBeCloseTo(node.width / node.height, 2);
    expect(browser).toMatchObject({ subject: node.subject, faceCount: node.faceCount, depthSource: 'layers', layers: node.layers });
    expect(browser.focus.source).toBe(node.focus.source);
    expect(Math.abs(browser.focus.x - node.focus.x)).toBeLessThan(0.03);
    expect(Math.abs(browser.focus.y - node.focus.y)).toBeLessThan(0.03);
    expect(Math.abs(browser.subjectShare - node.subjectShare)).toBeLessThan(0.03);
    // Every shipped model ran once in the worker, and its time was recorded.
    const ran = Object.entries(browser.models).filter(([, t]) => t.runs > 0).map(([id]) => id);
    expect(ran.length).toBeGreaterThanOrEqual(2);
    for (const id of ran) expect(browser.models[id]!.runMs).toBeGreaterThan(0);
    expect(browser.ms.total).toBeGreaterThan(0);
  });

  it('tells the designer what it sees', async () => {
    const session = await harness.open('figma');
    await selectImage(session, 'Astronaut', fixture('astronaut.png'));
    await waitForAnalysis(session.ui);
    expect(await session.ui.textContent('[data-testid=analysis]')).toMatch(/^Sees 1 face, person cut out · \d+ subject layers? over the scene · \d+\.\d s$/);
  });

  it('sends the UI no face boxes, masks or depth: only a summary and the clip', async () => {
    const session = await harness.open('figma', seedFor({ ...DEFAULT_PARAMS, template: 'zoom-in', duration: 1, fps: 24, width: 320, height: 180 }));
    await selectImage(session, 'Astronaut', fixture('astronaut.png'));
    expect(await waitForAnalysis(session.ui)).toBe('done');
    const { bytes, stats } = await renderAndDownload(session);
    expect(stats.frames).toBe(24);

    const audit = await auditWorkerMessages(session.ui);
    // The recorder saw the traffic: replies, progress calls, the summary and the clip itself.
    expect(audit.messages).toBeGreaterThan(24);
    expect(audit.clips).toBe(1);
    expect(audit.summaries.map((s) => s.faceCount)).toEqual([1]);
    expect(audit.problems).toEqual([]);
    expect(bytes.byteLength).toBeGreaterThan(0);
  });
});
