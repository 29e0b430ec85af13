// Reads the parts of a TFLite model (a FlatBuffer with the "TFL3" identifier)
// that the converter needs. Field indices follow the public schema,
// tensorflow/lite/schema/schema.fbs (Apache-2.0); only the tables used by the
// shipped MediaPipe models are read, through the `flatbuffers` runtime.
import { ByteBuffer } from 'flatbuffers';

/** TFLite TensorType values the converter reads (schema enum TensorType). */
export const TensorType = { FLOAT32: 0, FLOAT16: 1, INT32: 2 } as const;

const TENSOR_TYPE_NAMES: readonly string[] = [
  'FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64', 'STRING', 'BOOL', 'INT16', 'COMPLEX64', 'INT8', 'FLOAT64',
  'COMPLEX128', 'UINT64', 'RESOURCE', 'VARIANT', 'UINT32', 'UINT16', 'INT4',
];

export function tensorTypeName(type: number): string {
  return TENSOR_TYPE_NAMES[type] ?? `type ${type}`;
}

// Schema enum BuiltinOperator, codes 0-161 in order: lets errors name any operator.
const BUILTIN_OPERATOR_NAMES: readonly string[] = [
  'ADD', 'AVERAGE_POOL_2D', 'CONCATENATION', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'DEPTH_TO_SPACE', 'DEQUANTIZE',
  'EMBEDDING_LOOKUP', 'FLOOR', 'FULLY_CONNECTED', 'HASHTABLE_LOOKUP', 'L2_NORMALIZATION', 'L2_POOL_2D',
  'LOCAL_RESPONSE_NORMALIZATION', 'LOGISTIC', 'LSH_PROJECTION', 'LSTM', 'MAX_POOL_2D', 'MUL', 'RELU', 'RELU_N1_TO_1',
  'RELU6', 'RESHAPE', 'RESIZE_BILINEAR', 'RNN', 'SOFTMAX', 'SPACE_TO_DEPTH', 'SVDF', 'TANH', 'CONCAT_EMBEDDINGS',
  'SKIP_GRAM', 'CALL', 'CUSTOM', 'EMBEDDING_LOOKUP_SPARSE', 'PAD', 'UNIDIRECTIONAL_SEQUENCE_RNN', 'GATHER',
  'BATCH_TO_SPACE_ND', 'SPACE_TO_BATCH_ND', 'TRANSPOSE', 'MEAN', 'SUB', 'DIV', 'SQUEEZE',
  'UNIDIRECTIONAL_SEQUENCE_LSTM', 'STRIDED_SLICE', 'BIDIRECTIONAL_SEQUENCE_RNN', 'EXP', 'TOPK_V2', 'SPLIT',
  'LOG_SOFTMAX', 'DELEGATE', 'BIDIRECTIONAL_SEQUENCE_LSTM', 'CAST', 'PRELU', 'MAXIMUM', 'ARG_MAX', 'MINIMUM', 'LESS',
  'NEG', 'PADV2', 'GREATER', 'GREATER_EQUAL', 'LESS_EQUAL', 'SELECT', 'SLICE', 'SIN', 'TRANSPOSE_CONV',
  'SPARSE_TO_DENSE', 'TILE', 'EXPAND_DIMS', 'EQUAL', 'NOT_EQUAL', 'LOG', 'SUM', 'SQRT', 'RSQRT', 'SHAPE', 'POW',
  'ARG_MIN', 'FAKE_QUANT', 'REDUCE_PROD', 'REDUCE_MAX', 'PACK', 'LOGICAL_OR', 'ONE_HOT', 'LOGICAL_AND',
  'LOGICAL_NOT', 'UNPACK', 'REDUCE_MIN', 'FLOOR_DIV', 'REDUCE_ANY', 'SQUARE', 'ZEROS_LIKE', 'FILL', 'FLOOR_MOD',
  'RANGE', 'RESIZE_NEAREST_NEIGHBOR', 'LEAKY_RELU', 'SQUARED_DIFFERENCE', 'MIRROR_PAD', 'ABS', 'SPLIT_V', 'UNIQUE',
  'CEIL', 'REVERSE_V2', 'ADD_N', 'GATHER_ND', 'COS', 'WHERE', 'RANK', 'ELU', 'REVERSE_SEQUENCE', 'MATRIX_DIAG',
  'QUANTIZE', 'MATRIX_SET_DIAG', 'ROUND', 'HARD_SWISH', 'IF', 'WHILE', 'NON_MAX_SUPPRESSION_V4',
  'NON_MAX_SUPPRESSION_V5', 'SCATTER_ND', 'SELECT_V2', 'DENSIFY', 'SEGMENT_SUM', 'BATCH_MATMUL',
  'PLACEHOLDER_FOR_GREATER_OP_CODES', 'CUMSUM', 'CALL_ONCE', 'BROADCAST_TO', 'RFFT2D', 'CONV_3D', 'IMAG', 'REAL',
  'COMPLEX_ABS', 'HASHTABLE', 'HASHTABLE_FIND', 'HASHTABLE_IMPORT', 'HASHTABLE_SIZE', 'REDUCE_ALL',
  'CONV_3D_TRANSPOSE', 'VAR_HANDLE', 'READ_VARIABLE', 'ASSIGN_VARIABLE', 'BROADCAST_ARGS', 'RANDOM_STANDARD_NORMAL',
  'BUCKETIZE', 'RANDOM_UNIFORM', 'MULTINOMIAL', 'GELU', 'DYNAMIC_UPDATE_SLICE', 'RELU_0_TO_1',
  'UNSORTED_SEGMENT_PROD', 'UNSORTED_SEGMENT_MAX', 'UNSORTED_SEGMENT_SUM', 'ATAN2', 'UNSORTED_SEGMENT_MIN', 'SIGN',
  'BITCAST', 'BITWISE_XOR', 'RIGHT_SHIFT',
];

/** The schema name of a builtin operator code (CUSTOM for custom operators). */
export function builtinOperatorName(code: number): string {
  return BUILTIN_OPERATOR_NAMES[code] ?? `BUILTIN_${code}`;
}

/** Schema enum Padding. */
export type Padding = 'SAME' | 'VALID';

/** Schema enum ActivationFunctionType, as names. */
export type Activation = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';
const ACTIVATIONS: readonly Activation[] = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];

/** A thin view of one FlatBuffer table: field n lives at vtable slot 4 + 2n. */
export class FbTable {
  constructor(
    private readonly bb: ByteBuffer,
    private readonly pos: number,
  ) {}

  private field(index: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * index);
  }

  has(index: number): boolean {
    return this.field(index) !== 0;
  }

  int8(index: number, fallback = 0): number {
    const o = this.field(index);
    return o ? this.bb.readInt8(this.pos + o) : fallback;
  }

  uint8(index: number, fallback = 0): number {
    const o = this.field(index);
    return o ? this.bb.readUint8(this.pos + o) : fallback;
  }

  int32(index: number, fallback = 0): number {
    const o = this.field(index);
    return o ? this.bb.readInt32(this.pos + o) : fallback;
  }

  uint32(index: number, fallback = 0): number {
    const o = this.field(index);
    return o ? this.bb.readUint32(this.pos + o) : fallback;
  }

  uint64(index: number): bigint {
    const o = this.field(index);
    return o ? this.bb.readUint64(this.pos + o) : 0n;
  }

  bool(index: number, fallback = false): boolean {
    const o = this.field(index);
    return o ? this.bb.readInt8(this.pos + o) !== 0 : fallback;
  }

  string(index: number): string | undefined {
    const o = this.field(index);
    return o ? (this.bb.__string(this.pos + o) as string) : undefined;
  }

  table(index: number): FbTable | undefined {
    const o = this.field(index);
    return o ? new FbTable(this.bb, this.bb.__indirect(this.pos + o)) : undefined;
  }

  /** A view (not a copy) of a [ubyte] vector. */
  bytes(index: number): Uint8Array | undefined {
    const o = this.field(index);
    if (!o) return undefined;
    const start = this.bb.__vector(this.pos + o);
    return this.bb.bytes().subarray(start, start + this.bb.__vector_len(this.pos + o));
  }

  int32s(index: number): number[] {
    const o = this.field(index);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    const n = this.bb.__vector_len(this.pos + o);
    return Array.from({ length: n }, (_, i) => this.bb.readInt32(start + 4 * i));
  }

  float32s(index: number): number[] {
    const o = this.field(index);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    const n = this.bb.__vector_len(this.pos + o);
    return Array.from({ length: n }, (_, i) => this.bb.readFloat32(start + 4 * i));
  }

  tables(index: number): FbTable[] {
    const o = this.field(index);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    const n = this.bb.__vector_len(this.pos + o);
    return Array.from({ length: n }, (_, i) => new FbTable(this.bb, this.bb.__indirect(start + 4 * i)));
  }
}

export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: number;
  /** Index into Model.buffers; 0 is the empty sentinel. */
  readonly buffer: number;
  /** True when the tensor carries affine quantization (scales), which the converter does not handle. */
  readonly quantized: boolean;
  /** True when the tensor's data is stored sparse, which the converter does not handle. */
  readonly sparse: boolean;
}

export interface TfliteOperator {
  readonly opcodeIndex: number;
  /** Tensor indices; -1 marks an omitted optional input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly builtinOptionsType: number;
  readonly builtinOptions: FbTable | undefined;
  readonly customOptions: Uint8Array | undefined;
}

export interface TfliteOperatorCode {
  /** max(builtin_code, deprecated_builtin_code): older files fill only the deprecated byte. */
  readonly builtinCode: number;
  readonly customCode: string | undefined;
}

export interface TfliteSubGraph {
  readonly name: string;
  readonly tensors: readonly TfliteTensor[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operators: readonly TfliteOperator[];
}

export interface TfliteModel {
  readonly version: number;
  readonly description: string;
  readonly operatorCodes: readonly TfliteOperatorCode[];
  readonly subgraphs: readonly TfliteSubGraph[];
  /** Each buffer's data (a view into the model bytes); empty when the buffer has none. */
  readonly buffers: readonly Uint8Array[];
}

function readTensor(t: FbTable, index: number): TfliteTensor {
  const quantization = t.table(4);
  return {
    index,
    shape: t.int32s(0),
    type: t.int8(1),
    buffer: t.uint32(2),
    name: t.string(3) ?? `tensor_${index}`,
    quantized: quantization !== undefined && quantization.float32s(2).length > 0,
    sparse: t.has(6),
  };
}

function readOperator(op: FbTable): TfliteOperator {
  return {
    opcodeIndex: op.uint32(0),
    inputs: op.int32s(1),
    outputs: op.int32s(2),
    builtinOptionsType: op.uint8(3),
    builtinOptions: op.table(4),
    customOptions: op.bytes(5),
  };
}

/** Parses a .tflite file. The returned buffers are views into `bytes`, which must stay unchanged. */
export function readTfliteModel(bytes: Uint8Array): TfliteModel {
  const bb = new ByteBuffer(bytes);
  if (bytes.length < 8 || bb.getBufferIdentifier() !== 'TFL3') {
    throw new Error('not a TFLite model: the file identifier "TFL3" is missing');
  }
  const model = new FbTable(bb, bb.readInt32(bb.position()) + bb.position());
  const operatorCodes = model.tables(1).map((c) => ({
    builtinCode: Math.max(c.int32(3), c.int8(0)),
    customCode: c.string(1),
  }));
  const subgraphs = model.tables(2).map((g, gi) => ({
    name: g.string(4) ?? `subgraph_${gi}`,
    tensors: g.tables(0).map(readTensor),
    inputs: g.int32s(1),
    outputs: g.int32s(2),
    operators: g.tables(3).map(readOperator),
  }));
  const buffers = model.tables(4).map((b, i) => {
    if (b.uint64(1) > 1n) throw new Error(`buffer ${i} is stored outside the FlatBuffer (models over 2 GB are not supported)`);
    return b.bytes(0) ?? new Uint8Array(0);
  });
  return {
    version: model.uint32(0),
    description: model.string(3) ?? '',
    operatorCodes,
    subgraphs,
    buffers,
  };
}

function activation(code: number): Activation {
  const a = ACTIVATIONS[code];
  if (a === undefined) throw new Error(`unknown fused activation ${code}`);
  return a;
}

function padding(code: number): Padding {
  if (code === 0) return 'SAME';
  if (code === 1) return 'VALID';
  throw new Error(`unknown padding ${code}`);
}

// Builtin options. Each reader checks the union type first, so a table is never
// read with another table's field layout. A missing table (union NONE) means
// every field has its schema default.

/** BuiltinOptions union indices (schema union BuiltinOptions, 1-based). */
const OPTIONS = {
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  ConcatenationOptions: 10,
  AddOptions: 11,
  ResizeBilinearOptions: 15,
  MulOptions: 21,
  ReducerOptions: 27,
} as const;

function options(op: TfliteOperator, kind: keyof typeof OPTIONS): FbTable | undefined {
  if (op.builtinOptionsType === 0) return undefined;
  if (op.builtinOptionsType !== OPTIONS[kind]) throw new Error(`expected ${kind}, found builtin options type ${op.builtinOptionsType}`);
  return op.builtinOptions;
}

export interface Conv2DOptions {
  padding: Padding;
  strideW: number;
  strideH: number;
  activation: Activation;
  dilationW: number;
  dilationH: number;
}

export function readConv2DOptions(op: TfliteOperator): Conv2DOptions {
  const t = options(op, 'Conv2DOptions');
  return {
    padding: padding(t?.int8(0) ?? 0),
    strideW: t?.int32(1) ?? 0,
    strideH: t?.int32(2) ?? 0,
    activation: activation(t?.int8(3) ?? 0),
    dilationW: t?.int32(4, 1) ?? 1,
    dilationH: t?.int32(5, 1) ?? 1,
  };
}

export function readDepthwiseConv2DOptions(op: TfliteOperator): Conv2DOptions {
  const t = options(op, 'DepthwiseConv2DOptions');
  // Field 3, depth_multiplier, is redundant with the weight shape (the schema says so) and not read.
  return {
    padding: padding(t?.int8(0) ?? 0),
    strideW: t?.int32(1) ?? 0,
    strideH: t?.int32(2) ?? 0,
    activation: activation(t?.int8(4) ?? 0),
    dilationW: t?.int32(5, 1) ?? 1,
    dilationH: t?.int32(6, 1) ?? 1,
  };
}

export interface Pool2DOptions {
  padding: Padding;
  strideW: number;
  strideH: number;
  filterW: number;
  filterH: number;
  activation: Activation;
}

export function readPool2DOptions(op: TfliteOperator): Pool2DOptions {
  const t = options(op, 'Pool2DOptions');
  return {
    padding: padding(t?.int8(0) ?? 0),
    strideW: t?.int32(1) ?? 0,
    strideH: t?.int32(2) ?? 0,
    filterW: t?.int32(3) ?? 0,
    filterH: t?.int32(4) ?? 0,
    activation: activation(t?.int8(5) ?? 0),
  };
}

/** AddOptions and MulOptions: field 0 is the fused activation. */
export function readFusedActivation(op: TfliteOperator, kind: 'AddOptions' | 'MulOptions'): Activation {
  return activation(options(op, kind)?.int8(0) ?? 0);
}

export interface ConcatenationOptions {
  axis: number;
  activation: Activation;
}

export function readConcatenationOptions(op: TfliteOperator): ConcatenationOptions {
  const t = options(op, 'ConcatenationOptions');
  return { axis: t?.int32(0) ?? 0, activation: activation(t?.int8(1) ?? 0) };
}

export interface ResizeBilinearOptions {
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

export function readResizeBilinearOptions(op: TfliteOperator): ResizeBilinearOptions {
  const t = options(op, 'ResizeBilinearOptions');
  // Fields 0 and 1 (new_height, new_width) are deprecated: the size comes from the second input.
  return { alignCorners: t?.bool(2) ?? false, halfPixelCenters: t?.bool(3) ?? false };
}

/** ReducerOptions (MEAN and the other reductions): keep_dims. */
export function readReducerKeepDims(op: TfliteOperator): boolean {
  return options(op, 'ReducerOptions')?.bool(0) ?? false;
}

/**
 * MediaPipe's custom `Convolution2DTransposeBias` keeps its parameters as a raw
 * TfLiteTransposeConvParams struct (not FlexBuffers): int32 padding in
 * TfLitePadding terms (1 = SAME, 2 = VALID), then stride_w and stride_h.
 */
export interface TransposeConvBiasOptions {
  padding: Padding;
  strideW: number;
  strideH: number;
}

export function readTransposeConvBiasOptions(raw: Uint8Array | undefined): TransposeConvBiasOptions {
  if (raw === undefined || raw.length !== 12) {
    throw new Error(`Convolution2DTransposeBias: expected 12 bytes of custom options, got ${raw?.length ?? 0}`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const pad = view.getInt32(0, true);
  if (pad !== 1 && pad !== 2) throw new Error(`Convolution2DTransposeBias: unknown padding ${pad}`);
  return { padding: pad === 1 ? 'SAME' : 'VALID', strideW: view.getInt32(4, true), strideH: view.getInt32(8, true) };
}
