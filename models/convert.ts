// TFLite → ONNX for the float models MediaPipe ships (selfie segmentation,
// BlazeFace). The ONNX model keeps the TFLite contract: same input and output
// names, NHWC shapes and float32 data; only the inside is NCHW.
import { ConversionContext } from './context.js';
import { encodeOnnxModel, OnnxDataType } from './onnx-writer.js';
import type { OnnxValueInfo } from './onnx-writer.js';
import { converterFor, supportedOperators } from './ops/index.js';
import type { TfliteModel, TfliteOperator, TfliteTensor } from './tflite-reader.js';
import { builtinOperatorName, readTfliteModel, TensorType, tensorTypeName } from './tflite-reader.js';

/** Bumped whenever the converter's output for the same input changes. */
export const CONVERTER_VERSION = '1';
const PRODUCER = 'stillmotion-tflite2onnx';
/** ONNX IR 8 with opset 17: HardSwish, Resize with half_pixel, ReduceMean with axes as an attribute. */
const IR_VERSION = 8;
const OPSET = 17;

export interface ConvertOptions {
  /** The ONNX graph name; defaults to the TFLite model's description. */
  readonly graphName?: string;
}

export interface TensorInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dataType: 'float32';
}

export interface ConversionResult {
  readonly onnx: Uint8Array;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** How many of each TFLite operator the model holds, by name. */
  readonly ops: Readonly<Record<string, number>>;
}

function operatorName(model: TfliteModel, op: TfliteOperator): string {
  const code = model.operatorCodes[op.opcodeIndex];
  if (code === undefined) throw new Error(`operator refers to missing operator code ${op.opcodeIndex}`);
  const name = builtinOperatorName(code.builtinCode);
  return name === 'CUSTOM' ? (code.customCode ?? 'CUSTOM') : name;
}

function floatInfo(t: TfliteTensor, role: string): TensorInfo {
  if (t.type !== TensorType.FLOAT32) throw new Error(`${role} "${t.name}" is ${tensorTypeName(t.type)}; only float32 inputs and outputs are supported`);
  return { name: t.name, shape: [...t.shape], dataType: 'float32' };
}

function valueInfo(t: TensorInfo): OnnxValueInfo {
  return { name: t.name, dataType: OnnxDataType.FLOAT, shape: t.shape };
}

/**
 * Converts a float TFLite model to ONNX bytes. Deterministic: the same input
 * always gives the same bytes. Throws, naming them, on operators it does not support.
 */
export function convertTfliteToOnnx(tflite: Uint8Array, opts: ConvertOptions = {}): ConversionResult {
  const model = readTfliteModel(tflite);
  const graph = model.subgraphs[0];
  if (graph === undefined || model.subgraphs.length !== 1) throw new Error(`expected one subgraph, found ${model.subgraphs.length}`);

  const names = graph.operators.map((op) => operatorName(model, op));
  const ops: Record<string, number> = {};
  for (const name of names) ops[name] = (ops[name] ?? 0) + 1;
  const unsupported = Object.keys(ops).filter((name) => converterFor(name) === undefined);
  if (unsupported.length > 0) {
    throw new Error(
      `unsupported TFLite operator${unsupported.length > 1 ? 's' : ''}: ${unsupported.map((n) => `${n} (×${ops[n]})`).join(', ')}; supported: ${supportedOperators().join(', ')}`,
    );
  }

  const ctx = new ConversionContext(model, graph);
  const inputs = graph.inputs.map((i) => floatInfo(ctx.tensor(i), 'input'));
  for (const i of graph.inputs) ctx.define(i, 'tflite');
  graph.operators.forEach((op, k) => {
    const name = names[k]!;
    try {
      converterFor(name)!(ctx, op);
    } catch (e) {
      throw new Error(`operator ${k} (${name}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  });
  const outputs = graph.outputs.map((i) => {
    const info = floatInfo(ctx.tensor(i), 'output');
    if (ctx.value(i, 'tflite') !== info.name) throw new Error(`output "${info.name}" lost its name`);
    return info;
  });

  const onnx = encodeOnnxModel({
    graphName: opts.graphName ?? (model.description || 'model'),
    docString: `Converted from TFLite (schema ${model.version}) by ${PRODUCER} ${CONVERTER_VERSION}: ${model.description}`,
    producerName: PRODUCER,
    producerVersion: CONVERTER_VERSION,
    irVersion: IR_VERSION,
    opset: OPSET,
    inputs: inputs.map(valueInfo),
    outputs: outputs.map(valueInfo),
    nodes: ctx.nodes,
    initializers: ctx.initializers,
  });
  return { onnx, inputs, outputs, ops };
}
