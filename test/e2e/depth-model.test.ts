// Bring your own depth model, in the plugin: a build with
// STILLMOTION_DEPTH_MODEL inlines it, and the worker's analysis uses it
// instead of the layered depth. The model is the project's own tiny one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectImage } from '../../cli/drive';
import { makeTestDepthModel } from '../../models/make-depth-model';
import { root, useHarness } from './browser';
import { auditWorkerMessages, waitForAnalysis } from './worker-messages';

const dir = mkdtempSync(join(tmpdir(), 'stillmotion-depth-'));
const dist = join(dir, 'dist');
const harness = useHarness({ dist });

function build(depthModel: string, outDir: string) {
  const r = spawnSync(process.execPath, [join(root, 'build.mjs'), '--out-dir', outDir], {
    cwd: root,
    env: { ...process.env, STILLMOTION_DEPTH_MODEL: depthModel },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

beforeAll(() => {
  const model = join(dir, 'tiny-depth.onnx');
  writeFileSync(model, makeTestDepthModel());
  const r = build(model, dist);
  if (r.code !== 0) throw new Error(`the build with a depth model failed: ${r.stderr}`);
}, 120_000);

describe('a build with STILLMOTION_DEPTH_MODEL', () => {
  it('inlines the model, and the analysis in the plugin uses it', async () => {
    expect(readFileSync(join(dist, 'ui.html'), 'utf8')).toContain('data-asset="model:depth"');
    const session = await harness.open('figma', {});
    await selectImage(session, 'Astronaut', new Uint8Array(readFileSync(join(root, 'test/fixtures/astronaut.png'))));
    expect(await waitForAnalysis(session.ui)).toBe('done');
    const { summaries, problems } = await auditWorkerMessages(session.ui);
    expect(problems).toEqual([]);
    expect(summaries[0]).toMatchObject({ depthSource: 'model', layers: 0, faceCount: 1 });
    expect(summaries[0]!.models.depth?.runs).toBe(1);
    expect(await session.ui.textContent('[data-testid=analysis]')).toContain('depth from your model');
  });

  it('fails, saying why, for a file that is not an ONNX depth model', () => {
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'not a model');
    const r = build(junk, join(dir, 'junk-dist'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/STILLMOTION_DEPTH_MODEL=.*junk\.onnx: not an ONNX depth model/);
  });
});
