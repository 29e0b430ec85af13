// The state of one conversion: which ONNX value holds each TFLite tensor, in
// which layout, plus the nodes and initializers emitted so far.
//
// TFLite activations are NHWC. Inside the ONNX graph rank-4 activations are
// kept NCHW (what ONNX's Conv, pooling and Resize expect); a tensor may exist
// in both layouts, and a Transpose is inserted only where a consumer needs
// the layout it does not yet have.
import type { OnnxAttributeValue, OnnxInitializer, OnnxNode } from './onnx-writer.js';
import { OnnxDataType } from './onnx-writer.js';
import type { Activation, TfliteModel, TfliteSubGraph, TfliteTensor } from './tflite-reader.js';
import { TensorType, tensorTypeName } from './tflite-reader.js';
import type { NumericArray } from './tensor-data.js';
import { decodeFloat16, decodeFloat32, decodeInt32, float32Bytes, int64Bytes, permute } from './tensor-data.js';

export type Layout = 'nchw' | 'tflite';

/** NHWC → NCHW, as an ONNX Transpose perm; also OHWI → OIHW for conv weights. */
export const TO_NCHW = [0, 3, 1, 2] as const;
export const TO_NHWC = [0, 2, 3, 1] as const;

/** The NCHW axis of each NHWC axis: the inverse of TO_NCHW, which is TO_NHWC. */
export const NCHW_AXIS_OF_NHWC = TO_NHWC;

export class ConversionContext {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly names = new Set<string>();
  private readonly values = new Map<number, Map<Layout, string>>();
  private readonly constants = new Map<number, NumericArray>();
  private readonly initializerCache = new Map<string, string>();

  constructor(
    readonly model: TfliteModel,
    readonly graph: TfliteSubGraph,
  ) {}

  tensor(index: number | undefined): TfliteTensor {
    const t = index === undefined || index < 0 ? undefined : this.graph.tensors[index];
    if (t === undefined) throw new Error(`missing tensor ${index}`);
    return t;
  }

  /** Reserves a graph-wide unique name; a taken name gets a numeric suffix. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  isConstant(index: number): boolean {
    return this.constants.has(index) || (this.model.buffers[this.tensor(index).buffer]?.length ?? 0) > 0;
  }

  /** A constant tensor's values as float32 or int32 (FP16 data is widened). */
  constantValues(index: number): NumericArray {
    const cached = this.constants.get(index);
    if (cached) return cached;
    const t = this.tensor(index);
    const data = this.model.buffers[t.buffer];
    if (data === undefined || data.length === 0) throw new Error(`tensor "${t.name}" is not a constant`);
    if (t.quantized) throw new Error(`tensor "${t.name}" is quantized; only float models are supported`);
    if (t.sparse) throw new Error(`tensor "${t.name}" is stored sparse, which is not supported`);
    let values: NumericArray;
    if (t.type === TensorType.FLOAT32) values = decodeFloat32(data);
    else if (t.type === TensorType.FLOAT16) values = decodeFloat16(data);
    else if (t.type === TensorType.INT32) values = decodeInt32(data);
    else throw new Error(`constant "${t.name}" has unsupported type ${tensorTypeName(t.type)}`);
    const expected = t.shape.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`constant "${t.name}" holds ${values.length} values, its shape [${t.shape}] needs ${expected}`);
    this.constants.set(index, values);
    return values;
  }

  /** Records a tensor whose value was computed at conversion time (a folded DEQUANTIZE). */
  defineConstant(index: number, values: NumericArray): void {
    this.constants.set(index, values);
  }

  /** An initializer with a constant tensor's values, axes permuted by `perm` (identity if omitted). */
  constantInitializer(index: number, perm?: readonly number[], role = 'constant'): string {
    const t = this.tensor(index);
    if (!this.isConstant(index)) throw new Error(`${role} "${t.name}" must be a constant tensor`);
    const order = perm ?? t.shape.map((_, i) => i);
    const key = `${index}:${order.join(',')}`;
    const cached = this.initializerCache.get(key);
    if (cached !== undefined) return cached;
    const values = permute(this.constantValues(index), t.shape, order);
    const dims = order.map((p) => t.shape[p]!);
    const name = this.initializerFrom(t.name, values, dims);
    this.initializerCache.set(key, name);
    return name;
  }

  private initializerFrom(base: string, values: NumericArray, dims: readonly number[]): string {
    const name = this.uniqueName(base);
    if (values instanceof Float32Array) {
      this.initializers.push({ name, dataType: OnnxDataType.FLOAT, dims, raw: float32Bytes(values) });
    } else {
      // ONNX shape-like inputs (Reshape, Pad, Resize sizes) are int64; TFLite keeps them int32.
      this.initializers.push({ name, dataType: OnnxDataType.INT64, dims, raw: int64Bytes(values) });
    }
    return name;
  }

  /** A float32 initializer made by the converter itself (Clip bounds and the like). */
  floatInitializer(base: string, values: readonly number[], dims: readonly number[]): string {
    return this.cachedInitializer(`f:${base}:${values.join(',')}`, () => this.initializerFrom(base, Float32Array.from(values), dims));
  }

  int64Initializer(base: string, values: readonly number[]): string {
    return this.cachedInitializer(`i:${base}:${values.join(',')}`, () => this.initializerFrom(base, Int32Array.from(values), [values.length]));
  }

  private cachedInitializer(key: string, make: () => string): string {
    const cached = this.initializerCache.get(key);
    if (cached !== undefined) return cached;
    const name = make();
    this.initializerCache.set(key, name);
    return name;
  }

  /** The layout a non-constant tensor is already available in, preferring NCHW. */
  layoutOf(index: number): Layout {
    const have = this.values.get(index);
    if (have?.has('nchw')) return 'nchw';
    if (have?.has('tflite')) return 'tflite';
    if (this.isConstant(index)) return 'tflite';
    throw new Error(`tensor "${this.tensor(index).name}" is used before it is computed`);
  }

  /**
   * The ONNX value holding a tensor in the given layout, made on first use:
   * constants become initializers (a rank < 4 constant is broadcast NHWC-wise
   * to rank 4 first), computed tensors get a Transpose.
   */
  value(index: number, layout: Layout): string {
    const t = this.tensor(index);
    const existing = this.values.get(index)?.get(layout);
    if (existing !== undefined) return existing;
    if (layout === 'nchw' && t.shape.length > 4) throw new Error(`tensor "${t.name}" has rank ${t.shape.length}; NCHW needs rank 4 or less`);
    if (this.isConstant(index)) {
      if (layout === 'tflite') return this.constantInitializer(index);
      const padded = [...new Array<number>(4 - t.shape.length).fill(1), ...t.shape];
      const values = permute(this.constantValues(index), padded, TO_NCHW);
      return this.cachedInitializer(`nchw:${index}`, () => this.initializerFrom(t.name, values, TO_NCHW.map((p) => padded[p]!)));
    }
    if (t.shape.length !== 4) throw new Error(`tensor "${t.name}" has rank ${t.shape.length}; only rank-4 tensors change layout`);
    const source = this.values.get(index)?.get(layout === 'nchw' ? 'tflite' : 'nchw');
    if (source === undefined) throw new Error(`tensor "${t.name}" is used before it is computed`);
    const name = this.define(index, layout);
    this.node('Transpose', [source], [name], { perm: layout === 'nchw' ? [...TO_NCHW] : [...TO_NHWC] });
    return name;
  }

  /** Names the ONNX value that will hold a tensor in a layout. A TFLite-layout value keeps the tensor's name. */
  define(index: number, layout: Layout): string {
    const t = this.tensor(index);
    const name = layout === 'tflite' ? t.name : `${t.name}/nchw`;
    if (this.names.has(name)) throw new Error(`ONNX name "${name}" is already taken`);
    this.names.add(name);
    let byLayout = this.values.get(index);
    if (!byLayout) this.values.set(index, (byLayout = new Map()));
    byLayout.set(layout, name);
    return name;
  }

  node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes?: Record<string, OnnxAttributeValue>): void {
    const name = this.uniqueName(`${opType}:${outputs[0] ?? ''}`);
    this.nodes.push(attributes ? { opType, name, inputs, outputs, attributes } : { opType, name, inputs, outputs });
  }

  /** Emits a single-output op writing tensor `output`, followed by its fused activation. */
  emit(
    opType: string,
    inputs: readonly string[],
    output: number,
    layout: Layout,
    attributes?: Record<string, OnnxAttributeValue>,
    activation: Activation = 'NONE',
  ): void {
    if (activation === 'NONE') {
      this.node(opType, inputs, [this.define(output, layout)], attributes);
      return;
    }
    const raw = this.uniqueName(`${this.tensor(output).name}/${opType}`);
    this.node(opType, inputs, [raw], attributes);
    const out = this.define(output, layout);
    switch (activation) {
      case 'RELU':
        this.node('Relu', [raw], [out]);
        return;
      case 'RELU6':
        this.node('Clip', [raw, this.floatInitializer('clip_min', [0], []), this.floatInitializer('clip_max', [6], [])], [out]);
        return;
      case 'RELU_N1_TO_1':
        this.node('Clip', [raw, this.floatInitializer('clip_min', [-1], []), this.floatInitializer('clip_max', [1], [])], [out]);
        return;
      case 'TANH':
        this.node('Tanh', [raw], [out]);
        return;
      default:
        throw new Error(`fused activation ${activation} is not supported`);
    }
  }
}
