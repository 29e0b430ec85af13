// The three built-in models through OnnxModels under Node: the outputs the
// manifest promises, one session per model however often it runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxModels } from '../../engine/analysis/onnx-models.js';
import { nodeOrt } from '../../engine/analysis/ort-node.js';
import { buildModels } from '../../models/build-models.js';
import manifest from '../../models/manifest.json';

/** A smooth ramp over the input's value range: no fixture needed, different per element. */
function rampInput(shape: readonly number[], [lo, hi]: readonly number[]): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < out.length; i++) out[i] = lo! + ((hi! - lo!) * i) / (out.length - 1);
  return out;
}

describe('OnnxModels (Node, wasm, one thread)', () => {
  let models: OnnxModels;
  beforeAll(() => {
    models = new OnnxModels(nodeOrt(), Object.fromEntries(buildModels().map((m) => [m.id, m.onnx])));
  });

  for (const entry of manifest.models) {
    it(`runs ${entry.id} with the outputs the manifest names, reusing its session`, async () => {
      const input = rampInput(entry.input.shape, entry.input.range);
      expect(await models.inputInfo(entry.id)).toEqual({ name: entry.input.name, shape: entry.input.shape });
      const first = await models.run(entry.id, input, entry.input.shape);
      const second = await models.run(entry.id, input, entry.input.shape);
      expect(Object.keys(first).sort()).toEqual(entry.outputs.map((o) => o.name).sort());
      for (const o of entry.outputs) {
        expect(first[o.name]!.dims).toEqual(o.shape);
        expect(first[o.name]!.data.length).toBe(o.shape.reduce((a, b) => a * b, 1));
        expect(first[o.name]!.data.every(Number.isFinite)).toBe(true);
        // Same input, same session: the same answer.
        expect(second[o.name]!.data).toEqual(first[o.name]!.data);
      }
      const timing = models.timings()[entry.id]!;
      expect(timing.create).toHaveLength(1);
      expect(timing.run).toHaveLength(2);
    });
  }

  it('gives segmentation masks already through a sigmoid', async () => {
    const entry = manifest.models.find((m) => m.id === 'selfie-segmentation')!;
    const out = await models.run(entry.id, rampInput(entry.input.shape, entry.input.range), entry.input.shape);
    expect(out.activation_10!.data.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('creates one session for concurrent first runs, and a new one after dispose', async () => {
    const [one] = buildModels({ ids: ['face-detection-short-range'] });
    const fresh = new OnnxModels(nodeOrt(), { face: one!.onnx });
    const shape = one!.manifest.input.shape;
    const input = rampInput(shape, [-1, 1]);
    await Promise.all([fresh.run('face', input, shape), fresh.run('face', input, shape), fresh.inputInfo('face')]);
    expect(fresh.timings().face!.create).toHaveLength(1);
    expect(fresh.timings().face!.run).toHaveLength(2);
    await fresh.dispose();
    await fresh.run('face', input, shape);
    expect(fresh.timings().face!.create).toHaveLength(2);
    await fresh.dispose();
  });

  it('refuses unknown models and inputs whose size does not match their dims', async () => {
    expect(models.has('depth')).toBe(false);
    await expect(models.run('depth', new Float32Array(3), [1, 3])).rejects.toThrow(/No model depth/);
    await expect(models.run('face-detection-short-range', new Float32Array(10), [1, 128, 128, 3])).rejects.toThrow(/10 values/);
  });
});
