import { Builder } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { readModelSource } from '../../models/build-models.js';
import { convertTfliteToOnnx } from '../../models/convert.js';
import { halfToFloat, permute } from '../../models/tensor-data.js';
import { readTfliteModel } from '../../models/tflite-reader.js';

const SOFTMAX = 25;
const CUSTOM = 32;

/** A two-operator float model: SOFTMAX then a custom "FancyOp", on a [1, 4] tensor. Field indices from schema.fbs. */
function unsupportedModel(): Uint8Array {
  const b = new Builder(1024);
  const vector = (items: number[], add: (v: number) => void): number => {
    b.startVector(4, items.length, 4);
    for (let i = items.length - 1; i >= 0; i--) add(items[i]!);
    return b.endVector();
  };
  const ints = (items: number[]): number => vector(items, (v) => b.addInt32(v));
  const tables = (items: number[]): number => vector(items, (v) => b.addOffset(v));

  const tensors = ['x', 'mid', 'y'].map((n) => {
    const name = b.createString(n);
    const shape = ints([1, 4]);
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    b.addFieldOffset(3, name, 0);
    return b.endObject();
  });
  const operators = [
    [0, 0, 1],
    [1, 1, 2],
  ].map(([code, input, output]) => {
    const inputs = ints([input!]);
    const outputs = ints([output!]);
    b.startObject(3);
    b.addFieldInt32(0, code!, 0);
    b.addFieldOffset(1, inputs, 0);
    b.addFieldOffset(2, outputs, 0);
    return b.endObject();
  });
  const fancy = b.createString('FancyOp');
  const codes = [
    (() => {
      b.startObject(4);
      b.addFieldInt8(0, SOFTMAX, 0);
      return b.endObject();
    })(),
    (() => {
      b.startObject(4);
      b.addFieldInt8(0, CUSTOM, 0);
      b.addFieldOffset(1, fancy, 0);
      return b.endObject();
    })(),
  ];
  const [tensorList, inputList, outputList, operatorList] = [tables(tensors), ints([0]), ints([2]), tables(operators)];
  b.startObject(5);
  b.addFieldOffset(0, tensorList, 0);
  b.addFieldOffset(1, inputList, 0);
  b.addFieldOffset(2, outputList, 0);
  b.addFieldOffset(3, operatorList, 0);
  const graph = b.endObject();
  b.startObject(0);
  const emptyBuffer = b.endObject();
  const [codeList, graphList, bufferList] = [tables(codes), tables([graph]), tables([emptyBuffer])];
  b.startObject(5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codeList, 0);
  b.addFieldOffset(2, graphList, 0);
  b.addFieldOffset(4, bufferList, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

describe('convertTfliteToOnnx', () => {
  it('names every unsupported operator', () => {
    expect(() => convertTfliteToOnnx(unsupportedModel())).toThrow(/unsupported TFLite operators: SOFTMAX \(×1\), FancyOp \(×1\)/);
  });

  it('rejects bytes that are not a TFLite model', () => {
    expect(() => convertTfliteToOnnx(new TextEncoder().encode('not a model at all'))).toThrow(/TFL3/);
  });

  it('reads op codes stored only in deprecated_builtin_code', () => {
    const model = readTfliteModel(readModelSource('face-detection-short-range').tflite);
    expect(model.operatorCodes.map((c) => c.builtinCode)).toEqual([3, 19, 4, 0, 34, 17, 22, 2, 6]);
  });

  it('is deterministic and keeps the TFLite contract', () => {
    const { tflite } = readModelSource('face-detection-short-range');
    const a = convertTfliteToOnnx(tflite);
    const b = convertTfliteToOnnx(tflite);
    expect(Buffer.from(a.onnx).equals(Buffer.from(b.onnx))).toBe(true);
    expect(a.inputs).toEqual([{ name: 'input', shape: [1, 128, 128, 3], dataType: 'float32' }]);
    expect(a.outputs).toEqual([
      { name: 'regressors', shape: [1, 896, 16], dataType: 'float32' },
      { name: 'classificators', shape: [1, 896, 1], dataType: 'float32' },
    ]);
    expect(a.ops).toEqual({ DEQUANTIZE: 74, CONV_2D: 21, RELU: 17, DEPTHWISE_CONV_2D: 16, ADD: 16, PAD: 11, MAX_POOL_2D: 3, RESHAPE: 4, CONCATENATION: 2 });
  });
});

describe('tensor data', () => {
  it('decodes half floats', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555, 0x8000].map(halfToFloat)).toEqual([1, -2, 65504, 2 ** -24, 0.333251953125, -0]);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('permutes axes like ONNX Transpose', () => {
    // [2, 3] → [3, 2]
    expect(Array.from(permute(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
    // OHWI [2, 1, 1, 3] → OIHW [2, 3, 1, 1] keeps each output channel's inputs together
    expect(Array.from(permute(Int32Array.from([1, 2, 3, 4, 5, 6]), [2, 1, 1, 3], [0, 3, 1, 2]))).toEqual([1, 2, 3, 4, 5, 6]);
    // NHWC [1, 2, 2, 2] → NCHW [1, 2, 2, 2]
    expect(Array.from(permute(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), [1, 2, 2, 2], [0, 3, 1, 2]))).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
  });
});
