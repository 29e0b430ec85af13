// A tiny stand-in depth model the project makes itself, so tests can exercise
// the bring-your-own depth path without shipping or downloading real weights.
// It has a real model's contract (input `image` [1,3,H,W] NCHW float32, output
// `depth` [1,1,H,W]) and one 1×1 convolution with a known answer:
//   depth = BIAS + WEIGHTS[0]·r + WEIGHTS[1]·g + WEIGHTS[2]·b
// Powers of two, so float32 results are exact for dyadic inputs.
//
//   npx tsx models/make-depth-model.ts --out FILE.onnx
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeOnnxModel, OnnxDataType } from './onnx-writer.js';
import { float32Bytes } from './tensor-data.js';

export const TEST_DEPTH_SIZE = 32;
export const TEST_DEPTH_WEIGHTS: readonly [number, number, number] = [-0.25, -0.5, -0.25];
export const TEST_DEPTH_BIAS = 1;

export function makeTestDepthModel(): Uint8Array {
  const n = TEST_DEPTH_SIZE;
  return encodeOnnxModel({
    graphName: 'test-depth',
    docString: 'Stillmotion test depth model: depth = 1 - (r/4 + g/2 + b/4) per pixel.',
    producerName: 'stillmotion-make-depth-model',
    producerVersion: '1',
    irVersion: 8,
    opset: 17,
    inputs: [{ name: 'image', dataType: OnnxDataType.FLOAT, shape: [1, 3, n, n] }],
    outputs: [{ name: 'depth', dataType: OnnxDataType.FLOAT, shape: [1, 1, n, n] }],
    nodes: [{ opType: 'Conv', name: 'mix', inputs: ['image', 'weights', 'bias'], outputs: ['depth'], attributes: { kernel_shape: [1, 1] } }],
    initializers: [
      { name: 'weights', dataType: OnnxDataType.FLOAT, dims: [1, 3, 1, 1], raw: float32Bytes(TEST_DEPTH_WEIGHTS) },
      { name: 'bias', dataType: OnnxDataType.FLOAT, dims: [1], raw: float32Bytes([TEST_DEPTH_BIAS]) },
    ],
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [flag, out] = process.argv.slice(2);
  if (flag !== '--out' || !out) {
    console.error('usage: npx tsx models/make-depth-model.ts --out FILE.onnx');
    process.exitCode = 1;
  } else {
    const bytes = makeTestDepthModel();
    writeFileSync(out, bytes);
    console.log(`${out}: ${bytes.length} bytes`);
  }
}
