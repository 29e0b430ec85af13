// The reference side of the model verification: TFLite's own kernels, as
// compiled to wasm in @tensorflow/tfjs-tflite, run directly in Node.
//
// tfjs-tflite's JS client only loads in a browser (it injects <script> tags
// and fetch()es its wasm), but the Emscripten module under it,
// wasm/tflite_web_api_cc_simd.js, is a CommonJS factory that runs in Node when
// given the wasm bytes. Its TFLiteWebModelRunner is the TFLite interpreter
// (with its XNNPACK delegate, as MediaPipe runs these models on the web).
//
// That runtime lacks MediaPipe's custom Convolution2DTransposeBias, so
// `rewriteTransposeConvBias` turns each one into the builtin TRANSPOSE_CONV
// (same OHWI weights, same bias, same padding and strides). It shares no code
// with models/: it reads the FlatBuffer by field index itself and keeps every
// original byte (weights, every other operator's options) as it is, only adding
// new tables in front that point back into the original bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Builder, ByteBuffer } from 'flatbuffers';

const require = createRequire(import.meta.url);

// Schema constants (tensorflow/lite/schema/schema.fbs).
const TRANSPOSE_CONV = 67;
const TRANSPOSE_CONV_OPTIONS = 49; // BuiltinOptions union index
const TENSOR_TYPE_INT32 = 2;

/** Absolute position of field `index` of the table at `table`, or 0 when absent. */
function fieldPos(bb: ByteBuffer, table: number, index: number): number {
  const vtable = table - bb.readInt32(table);
  const vtableSize = bb.readUint16(vtable);
  const slot = 4 + 2 * index;
  if (slot >= vtableSize) return 0;
  const rel = bb.readUint16(vtable + slot);
  return rel ? table + rel : 0;
}

function fieldCount(bb: ByteBuffer, table: number): number {
  return (bb.readUint16(table - bb.readInt32(table)) - 4) / 2;
}

/** Follows the uoffset stored at `pos`. */
function deref(bb: ByteBuffer, pos: number): number {
  return pos + bb.readUint32(pos);
}

function vectorItems(bb: ByteBuffer, table: number, index: number): number[] {
  const f = fieldPos(bb, table, index);
  if (!f) return [];
  const v = deref(bb, f);
  return Array.from({ length: bb.readUint32(v) }, (_, i) => v + 4 + 4 * i);
}

function int32Vector(bb: ByteBuffer, table: number, index: number): number[] {
  return vectorItems(bb, table, index).map((p) => bb.readInt32(p));
}

function fieldTarget(bb: ByteBuffer, table: number, index: number): number {
  const f = fieldPos(bb, table, index);
  return f ? deref(bb, f) : 0;
}

function assertKnownFields(bb: ByteBuffer, table: number, known: number, what: string): void {
  for (let i = known; i < fieldCount(bb, table); i++) {
    if (fieldPos(bb, table, i)) throw new Error(`${what} has field ${i}, which the reference rewriter does not copy`);
  }
}

/**
 * Rewrites every Convolution2DTransposeBias operator to TRANSPOSE_CONV.
 * Returns the input unchanged when the model has none.
 */
export function rewriteTransposeConvBias(original: Uint8Array): Uint8Array {
  const bb = new ByteBuffer(original);
  const model = deref(bb, 0);
  const codes = vectorItems(bb, model, 1).map((p) => deref(bb, p));
  const customIndex = codes.findIndex((c) => {
    const s = fieldPos(bb, c, 1);
    return s !== 0 && bb.__string(s) === 'Convolution2DTransposeBias';
  });
  if (customIndex < 0) return original;
  const subgraphs = vectorItems(bb, model, 2).map((p) => deref(bb, p));
  if (subgraphs.length !== 1) throw new Error('reference rewriter: one subgraph expected');
  const graph = subgraphs[0]!;
  assertKnownFields(bb, model, 8, 'Model');
  assertKnownFields(bb, graph, 5, 'SubGraph');

  const b = new Builder(original.length + 4096);
  // The original bytes go last, aligned to 16 (Buffer.data's force_align) so every old position keeps its alignment.
  b.startVector(1, original.length, 16);
  b.pad(original.length);
  const end = b.offset();
  const data = b.dataBuffer();
  data.bytes().set(original, data.capacity() - end);
  b.endVector();
  /** Builder offset of an object at position `pos` of the original bytes. */
  const old = (pos: number): number => end - pos;

  const tensors = vectorItems(bb, graph, 0).map((p) => deref(bb, p));
  const buffers = vectorItems(bb, model, 4).map((p) => deref(bb, p));
  const operators = vectorItems(bb, graph, 3).map((p) => deref(bb, p));
  const newTensors: number[] = [];
  const newBuffers: number[] = [];
  const newOperators = new Map<number, number>();
  const newCodeIndex = codes.length;

  operators.forEach((op, k) => {
    const opcode = fieldPos(bb, op, 0) ? bb.readUint32(fieldPos(bb, op, 0)) : 0;
    if (opcode !== customIndex) return;
    const [input, weights, bias] = int32Vector(bb, op, 1) as [number, number, number];
    const output = int32Vector(bb, op, 2)[0]!;
    const options = fieldTarget(bb, op, 5);
    if (!options || bb.readUint32(options) !== 12) throw new Error('Convolution2DTransposeBias: 12 bytes of options expected');
    // TfLiteTransposeConvParams: TfLitePadding (1 SAME, 2 VALID), stride_w, stride_h.
    const padding = bb.readInt32(options + 4) === 1 ? 0 : 1;
    const strideW = bb.readInt32(options + 8);
    const strideH = bb.readInt32(options + 12);
    const outShape = int32Vector(bb, tensors[output]!, 0);

    // TRANSPOSE_CONV takes the output shape as a constant int32 tensor: add its buffer and tensor.
    const shapeBytes = new Uint8Array(Int32Array.from(outShape).buffer);
    b.startVector(1, shapeBytes.length, 16);
    for (let i = shapeBytes.length - 1; i >= 0; i--) b.addInt8(shapeBytes[i]!);
    const shapeData = b.endVector();
    b.startObject(1);
    b.addFieldOffset(0, shapeData, 0);
    newBuffers.push(b.endObject());
    const name = b.createString(`output_shape_${k}`);
    b.startVector(4, 1, 4);
    b.addInt32(outShape.length);
    const shape = b.endVector();
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, TENSOR_TYPE_INT32, 0);
    b.addFieldInt32(2, buffers.length + newBuffers.length - 1, 0);
    b.addFieldOffset(3, name, 0);
    newTensors.push(b.endObject());
    const shapeTensor = tensors.length + newTensors.length - 1;

    b.startObject(3);
    b.addFieldInt8(0, padding, 0);
    b.addFieldInt32(1, strideW, 0);
    b.addFieldInt32(2, strideH, 0);
    const transposeOptions = b.endObject();
    const inputs = [shapeTensor, weights, input, bias];
    b.startVector(4, inputs.length, 4);
    for (let i = inputs.length - 1; i >= 0; i--) b.addInt32(inputs[i]!);
    const inputVector = b.endVector();
    b.startObject(5);
    b.addFieldInt32(0, newCodeIndex, 0);
    b.addFieldOffset(1, inputVector, 0);
    b.addFieldOffset(2, old(fieldTarget(bb, op, 2)), 0);
    b.addFieldInt8(3, TRANSPOSE_CONV_OPTIONS, 0);
    b.addFieldOffset(4, transposeOptions, 0);
    newOperators.set(k, b.endObject());
  });

  b.startObject(4);
  b.addFieldInt8(0, TRANSPOSE_CONV, 0);
  b.addFieldInt32(2, 3, 1); // version 3: TRANSPOSE_CONV with a bias input
  b.addFieldInt32(3, TRANSPOSE_CONV, 0);
  const newCode = b.endObject();

  const list = (items: number[]): number => {
    b.startVector(4, items.length, 4);
    for (let i = items.length - 1; i >= 0; i--) b.addOffset(items[i]!);
    return b.endVector();
  };
  const tensorList = list([...tensors.map(old), ...newTensors]);
  const operatorList = list(operators.map((op, k) => newOperators.get(k) ?? old(op)));
  const codeList = list([...codes.map(old), newCode]);
  const bufferList = list([...buffers.map(old), ...newBuffers]);

  b.startObject(5);
  b.addFieldOffset(0, tensorList, 0);
  for (const f of [1, 2, 4]) if (fieldPos(bb, graph, f)) b.addFieldOffset(f, old(fieldTarget(bb, graph, f)), 0);
  b.addFieldOffset(3, operatorList, 0);
  const newGraph = b.endObject();
  const graphList = list([newGraph]);

  b.startObject(8);
  b.addFieldInt32(0, bb.readUint32(fieldPos(bb, model, 0)), 0);
  b.addFieldOffset(1, codeList, 0);
  b.addFieldOffset(2, graphList, 0);
  b.addFieldOffset(4, bufferList, 0);
  for (const f of [3, 5, 6, 7]) if (fieldPos(bb, model, f)) b.addFieldOffset(f, old(fieldTarget(bb, model, f)), 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

interface WasmTensor {
  readonly name: string;
  readonly shape: string;
  data(): Float32Array;
}
interface WasmVector {
  size(): number;
  get(i: number): WasmTensor;
}
interface WasmRunner {
  GetInputs(): WasmVector;
  GetOutputs(): WasmVector;
  Infer(): boolean;
  delete(): void;
}
interface TfliteWasmModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  TFLiteWebModelRunner: {
    CreateFromBufferAndOptions(
      ptr: number,
      size: number,
      opts: { numThreads: number; enableProfiling: boolean; maxProfilingBufferEntries: number },
    ): { ok(): boolean; errorMessage(): string; value(): WasmRunner };
  };
}

let modulePromise: Promise<TfliteWasmModule> | undefined;

function tfliteWasm(): Promise<TfliteWasmModule> {
  if (!modulePromise) {
    const loader = require.resolve('@tensorflow/tfjs-tflite/wasm/tflite_web_api_cc_simd.js');
    const factory = require(loader) as (m: { wasmBinary: Uint8Array; print?: (s: string) => void; printErr?: (s: string) => void }) => Promise<TfliteWasmModule>;
    // printErr: TFLite logs "Created TensorFlow Lite XNNPACK delegate" on every model; keep real errors visible.
    modulePromise = factory({
      wasmBinary: readFileSync(join(dirname(loader), 'tflite_web_api_cc_simd.wasm')),
      printErr: (s) => {
        if (!s.startsWith('INFO:')) console.error(s);
      },
    });
  }
  return modulePromise;
}

export interface ReferenceModel {
  run(inputs: readonly Float32Array[]): Record<string, { shape: number[]; data: Float32Array }>;
  dispose(): void;
}

/** Loads a .tflite model (custom transposed convolutions rewritten) into TFLite's interpreter. */
export async function loadReferenceModel(tflite: Uint8Array): Promise<ReferenceModel> {
  const m = await tfliteWasm();
  const bytes = rewriteTransposeConvBias(tflite);
  const ptr = m._malloc(bytes.length);
  m.HEAPU8.set(bytes, ptr);
  const created = m.TFLiteWebModelRunner.CreateFromBufferAndOptions(ptr, bytes.length, {
    numThreads: 1,
    enableProfiling: false,
    maxProfilingBufferEntries: 1024,
  });
  if (!created.ok()) {
    m._free(ptr);
    throw new Error(`TFLite could not load the model: ${created.errorMessage()}`);
  }
  const runner = created.value();
  return {
    run(inputs) {
      const ins = runner.GetInputs();
      if (ins.size() !== inputs.length) throw new Error(`model takes ${ins.size()} inputs, got ${inputs.length}`);
      inputs.forEach((x, i) => ins.get(i).data().set(x));
      if (!runner.Infer()) throw new Error('TFLite inference failed');
      const outs = runner.GetOutputs();
      const result: Record<string, { shape: number[]; data: Float32Array }> = {};
      for (let i = 0; i < outs.size(); i++) {
        const t = outs.get(i);
        result[t.name] = { shape: String(t.shape).split(',').map(Number), data: t.data().slice() };
      }
      return result;
    },
    dispose() {
      runner.delete();
      m._free(ptr);
    },
  };
}
