// Runs each converted model in onnxruntime-web (Node, wasm, one thread) and the
// original .tflite in TFLite's own kernels (see models-reference.ts) on the
// same fixture photos, and requires the outputs to agree within 1e-3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModels, readModelSource, type BuiltModel } from '../../models/build-models.js';
import { loadReferenceModel, type ReferenceModel } from './models-reference.js';

const TOLERANCE = 1e-3;
const FIXTURES = ['astronaut', 'chelsea'] as const;
const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Bilinear resize (pixel centres aligned) of an RGB(A) PNG to NHWC float RGB in [lo, hi]. */
function fixtureInput(name: string, width: number, height: number, [lo, hi]: readonly [number, number]): Float32Array {
  const png = PNG.sync.read(readFileSync(join(FIXTURE_DIR, `${name}.png`)));
  const out = new Float32Array(width * height * 3);
  const sample = (x: number, y: number, c: number): number => png.data[(y * png.width + x) * 4 + c]!;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * (png.height / height) - 0.5, 0), png.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, png.height - 1);
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * (png.width / width) - 0.5, 0), png.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, png.width - 1);
      for (let c = 0; c < 3; c++) {
        const top = sample(x0, y0, c) + (sample(x1, y0, c) - sample(x0, y0, c)) * (fx - x0);
        const bottom = sample(x0, y1, c) + (sample(x1, y1, c) - sample(x0, y1, c)) * (fx - x0);
        out[(y * width + x) * 3 + c] = lo + ((hi - lo) * (top + (bottom - top) * (fy - y0))) / 255;
      }
    }
  }
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

interface Loaded {
  readonly built: BuiltModel;
  readonly session: ort.InferenceSession;
  readonly reference: ReferenceModel;
}

const loaded = new Map<string, Loaded>();
/** Converted and reference outputs per model and fixture, computed once. */
const results = new Map<string, { onnx: Record<string, Float32Array>; tflite: Record<string, Float32Array> }>();

async function run(id: string, fixture: string): Promise<{ onnx: Record<string, Float32Array>; tflite: Record<string, Float32Array> }> {
  const key = `${id}/${fixture}`;
  const cached = results.get(key);
  if (cached) return cached;
  const { built, session, reference } = loaded.get(id)!;
  const { input } = built.manifest;
  const [, height, width] = input.shape as [number, number, number, number];
  const x = fixtureInput(fixture, width, height, input.range);
  const feeds = { [input.name]: new ort.Tensor('float32', x, [...input.shape]) };
  const onnxOut = await session.run(feeds);
  const tfliteOut = reference.run([x]);
  const result = { onnx: {} as Record<string, Float32Array>, tflite: {} as Record<string, Float32Array> };
  for (const o of built.manifest.outputs) {
    expect([...onnxOut[o.name]!.dims]).toEqual(o.shape);
    expect(tfliteOut[o.name]!.shape).toEqual(o.shape);
    result.onnx[o.name] = onnxOut[o.name]!.data as Float32Array;
    result.tflite[o.name] = tfliteOut[o.name]!.data;
  }
  results.set(key, result);
  return result;
}

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  for (const built of buildModels()) {
    const { tflite } = readModelSource(built.id);
    loaded.set(built.id, {
      built,
      session: await ort.InferenceSession.create(built.onnx, { executionProviders: ['wasm'] }),
      reference: await loadReferenceModel(tflite),
    });
  }
}, 60_000);

afterAll(async () => {
  for (const { session, reference } of loaded.values()) {
    await session.release();
    reference.dispose();
  }
});

describe.each(['selfie-segmentation', 'selfie-segmentation-landscape', 'face-detection-short-range'])('%s', (id) => {
  it.each(FIXTURES)(`agrees with TFLite within ${TOLERANCE} on %s`, async (fixture) => {
    const { onnx, tflite } = await run(id, fixture);
    for (const name of Object.keys(tflite)) {
      expect(maxAbsDiff(onnx[name]!, tflite[name]!), `${name}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});

function regionMean(mask: Float32Array, width: number, x0: number, y0: number, w: number, h: number): number {
  let sum = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) sum += mask[y * width + x]!;
  return sum / (w * h);
}

describe('sanity on the astronaut portrait', () => {
  it('finds one confident face', async () => {
    const { onnx } = await run('face-detection-short-range', 'astronaut');
    const scores = Array.from(onnx.classificators!, (logit) => 1 / (1 + Math.exp(-logit)));
    expect(Math.max(...scores)).toBeGreaterThan(0.5);
  });

  it.each(['selfie-segmentation', 'selfie-segmentation-landscape'])('%s marks the person, not the upper corners', async (id) => {
    const { onnx } = await run(id, 'astronaut');
    const [, height, width] = loaded.get(id)!.built.manifest.input.shape as [number, number, number, number];
    const mask = Object.values(onnx)[0]!;
    const cw = Math.round(width / 8);
    const ch = Math.round(height / 8);
    expect(regionMean(mask, width, Math.round(width * 0.375), Math.round(height * 0.375), width / 4, height / 4)).toBeGreaterThan(0.5);
    expect(regionMean(mask, width, 0, 0, cw, ch)).toBeLessThan(0.1);
    expect(regionMean(mask, width, width - cw, 0, cw, ch)).toBeLessThan(0.1);
  });
});
