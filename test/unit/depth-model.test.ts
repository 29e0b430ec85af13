// The bring-your-own depth path, on the test model the project makes itself:
// the spec read from its metadata, the exact output of its known convolution,
// and how raw depth becomes a 0..1 plane (1 = nearest).
import { describe, expect, it } from 'vitest';
import { DEPTH_MODEL_ID, depthInputSpec, depthModelSpec, depthOutputToPlane } from '../../engine/analysis/depth-model.js';
import { prepareInput } from '../../engine/analysis/letterbox.js';
import { OnnxModels } from '../../engine/analysis/onnx-models.js';
import { nodeOrt } from '../../engine/analysis/ort-node.js';
import { makeTestDepthModel, TEST_DEPTH_BIAS, TEST_DEPTH_SIZE, TEST_DEPTH_WEIGHTS } from '../../models/make-depth-model.js';

const N = TEST_DEPTH_SIZE;
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

describe('the test depth model in OnnxModels', () => {
  const models = new OnnxModels(nodeOrt(), { [DEPTH_MODEL_ID]: makeTestDepthModel() });

  it('declares its input, and the spec follows it', async () => {
    expect(await models.inputInfo(DEPTH_MODEL_ID)).toEqual({ name: 'image', shape: [1, 3, N, N] });
    expect(await depthModelSpec(models, 16 / 9)).toEqual({ width: N, height: N, layout: 'NCHW', ...IMAGENET, fit: 'stretch' });
  });

  it('computes depth = 1 - r/4 - g/2 - b/4 exactly', async () => {
    // Eighths and sixteenths: every product and sum is exact in float32.
    const input = new Float32Array(3 * N * N);
    for (let p = 0; p < N * N; p++) {
      const [x, y] = [p % N, Math.floor(p / N)];
      input[p] = (x - 16) / 8;
      input[N * N + p] = (y - 16) / 16;
      input[2 * N * N + p] = ((x + 3 * y) % 7) / 4;
    }
    const { depth } = await models.run(DEPTH_MODEL_ID, input, [1, 3, N, N]);
    expect(depth!.dims).toEqual([1, 1, N, N]);
    const expected = new Float32Array(N * N);
    for (let p = 0; p < N * N; p++) expected[p] = 1 - input[p]! / 4 - input[N * N + p]! / 2 - input[2 * N * N + p]! / 4;
    expect(depth!.data).toEqual(expected);
    expect(depth!.data[0]).toBe(1 - -2 / 4 - -1 / 2);
  });

  it('runs on an image prepared with its spec', async () => {
    const data = new Uint8ClampedArray(N * N * 4);
    for (let p = 0; p < N * N; p++) data.set([p % 256, (7 * p) % 256, 255 - (p % 256), 255], p * 4);
    const spec = await depthModelSpec(models, 1);
    const { tensor, dims } = prepareInput({ width: N, height: N, data }, spec);
    const { depth } = await models.run(DEPTH_MODEL_ID, tensor, dims);
    for (const p of [0, 33, 500, N * N - 1]) {
      let expected = TEST_DEPTH_BIAS;
      for (let c = 0; c < 3; c++) expected += TEST_DEPTH_WEIGHTS[c]! * ((data[p * 4 + c]! / 255 - IMAGENET.mean[c]!) / IMAGENET.std[c]!);
      expect(depth!.data[p]).toBeCloseTo(expected, 4);
    }
  });
});

describe('depthInputSpec', () => {
  it('keeps fixed sizes, NCHW and NHWC', () => {
    expect(depthInputSpec([1, 3, 518, 518])).toMatchObject({ width: 518, height: 518, layout: 'NCHW' });
    expect(depthInputSpec([1, 256, 384, 3], 0.5)).toMatchObject({ width: 384, height: 256, layout: 'NHWC' });
  });

  it('picks dynamic sides from the aspect, in multiples of 14, long side 518', () => {
    // 518 · 9/16 = 291.4 → 21 patches = 294.
    expect(depthInputSpec(['batch', 3, 'height', 'width'], 16 / 9)).toMatchObject({ width: 518, height: 294, layout: 'NCHW' });
    // 518 · 3/4 = 388.5 → 28 patches = 392.
    expect(depthInputSpec([1, -1, -1, 3], 3 / 4)).toMatchObject({ width: 392, height: 518, layout: 'NHWC' });
    expect(depthInputSpec([1, 3, 518, 'w'], 2)).toMatchObject({ width: 1036, height: 518 });
    // 518 / 2 = 259 → 18.5 patches, rounded to 19 = 266.
    expect(depthInputSpec([1, 3, 'h', 518], 2)).toMatchObject({ width: 518, height: 266 });
    // Never below one patch.
    expect(depthInputSpec([1, 3, 'h', 'w'], 100)).toMatchObject({ width: 518, height: 14 });
  });

  it('normalises with ImageNet statistics and stretches', () => {
    expect(depthInputSpec([1, 3, 28, 28])).toEqual({ width: 28, height: 28, layout: 'NCHW', ...IMAGENET, fit: 'stretch' });
  });

  it('refuses inputs that are not 3-channel images', () => {
    expect(() => depthInputSpec([1, 1, 32, 32])).toThrow(/3 channels/);
    expect(() => depthInputSpec([1, 3, 32])).toThrow(/4-D/);
  });
});

describe('depthOutputToPlane', () => {
  const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

  it('maps the 1st percentile to 0 and the 99th to 1, larger values nearer', () => {
    // 0..100: the 1st percentile is 1, the 99th is 99.
    const plane = depthOutputToPlane(ramp(101), [1, 1, 101]);
    expect(plane).toMatchObject({ width: 101, height: 1 });
    expect([...plane.data.subarray(0, 2)]).toEqual([0, 0]);
    expect(plane.data[50]).toBeCloseTo(0.5, 6);
    expect([...plane.data.subarray(99)]).toEqual([1, 1]);
  });

  it('accepts [H,W], [1,H,W] and [1,1,H,W]', () => {
    const data = ramp(12);
    for (const dims of [[3, 4], [1, 3, 4], [1, 1, 3, 4]]) {
      const plane = depthOutputToPlane(data, dims);
      expect(plane).toMatchObject({ width: 4, height: 3 });
      expect(plane.data[0]).toBe(0);
      expect(plane.data[11]).toBe(1);
    }
  });

  it('is not flattened by a few wild values, and NaN is farthest', () => {
    const data = ramp(1000).map((v) => v / 1000);
    data[3] = 1e9;
    data[4] = Number.NaN;
    const plane = depthOutputToPlane(data, [10, 100]);
    expect(plane.data[3]).toBe(1);
    expect(plane.data[4]).toBe(0);
    expect(plane.data[500]).toBeCloseTo(0.5, 2);
  });

  it('gives a flat output 0.5 everywhere', () => {
    expect([...depthOutputToPlane(new Float32Array(6).fill(3), [2, 3]).data]).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('refuses batches, channels and sizes that do not match', () => {
    expect(() => depthOutputToPlane(ramp(8), [2, 2, 2])).toThrow(/\[H,W\]/);
    expect(() => depthOutputToPlane(ramp(8), [1, 3, 4])).toThrow(/12 values/);
  });
});
