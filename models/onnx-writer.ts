// Writes ONNX models with protobufjs from a descriptor of the few onnx.proto
// messages a converted model uses. Field numbers and enum values are those of
// the public specification (onnx/onnx.proto, Apache-2.0).
import protobuf from 'protobufjs/light.js';

const repeated = 'repeated';

const descriptor = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            ints: { rule: repeated, type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'TypeProto', id: 2 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: repeated, type: 'string', id: 1 },
            output: { rule: repeated, type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: repeated, type: 'AttributeProto', id: 5 },
            domain: { type: 'string', id: 7 },
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: repeated, type: 'OperatorSetIdProto', id: 8 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: repeated, type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: repeated, type: 'TensorProto', id: 5 },
            docString: { type: 'string', id: 10 },
            input: { rule: repeated, type: 'ValueInfoProto', id: 11 },
            output: { rule: repeated, type: 'ValueInfoProto', id: 12 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: repeated, type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: repeated, type: 'Dimension', id: 1 } },
          nested: {
            Dimension: {
              fields: {
                dimValue: { type: 'int64', id: 1 },
                dimParam: { type: 'string', id: 2 },
              },
            },
          },
        },
        TypeProto: {
          fields: { tensorType: { type: 'Tensor', id: 1 } },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: 'int32', id: 1 },
                shape: { type: 'TensorShapeProto', id: 2 },
              },
            },
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 },
            version: { type: 'int64', id: 2 },
          },
        },
      },
    },
  },
};

const ModelProto = protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');

/** TensorProto.DataType values used here. */
export const OnnxDataType = { FLOAT: 1, INT64: 7 } as const;
export type OnnxDataType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** AttributeProto.AttributeType values used here. */
const AttributeType = { INT: 2, STRING: 3, INTS: 7 } as const;

/** An attribute value: an integer (INT), a list of integers (INTS) or a string (STRING). */
export type OnnxAttributeValue = number | readonly number[] | string;

export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  readonly attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export interface OnnxInitializer {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly dims: readonly number[];
  /** Little-endian element bytes, as TensorProto.raw_data stores them. */
  readonly raw: Uint8Array;
}

export interface OnnxValueInfo {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly shape: readonly number[];
}

export interface OnnxModel {
  readonly graphName: string;
  readonly docString: string;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly irVersion: number;
  readonly opset: number;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxInitializer[];
}

function assertInteger(name: string, v: number): number {
  if (!Number.isSafeInteger(v)) throw new Error(`ONNX attribute ${name}: ${v} is not an integer`);
  return v;
}

function attribute(name: string, value: OnnxAttributeValue): object {
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: assertInteger(name, value) };
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  return { name, type: AttributeType.INTS, ints: value.map((v) => assertInteger(name, v)) };
}

function valueInfo(v: OnnxValueInfo): object {
  return {
    name: v.name,
    type: { tensorType: { elemType: v.dataType, shape: { dim: v.shape.map((d) => ({ dimValue: d })) } } },
  };
}

/** Serialises a model to ONNX protobuf bytes. The same model always gives the same bytes. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const message = ModelProto.fromObject({
    irVersion: model.irVersion,
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    docString: model.docString,
    opsetImport: [{ domain: '', version: model.opset }],
    graph: {
      name: model.graphName,
      node: model.nodes.map((n) => ({
        name: n.name,
        opType: n.opType,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: model.initializers.map((t) => ({ name: t.name, dataType: t.dataType, dims: t.dims, rawData: t.raw })),
      input: model.inputs.map(valueInfo),
      output: model.outputs.map(valueInfo),
    },
  });
  const bytes = ModelProto.encode(message).finish();
  // protobufjs hands back a Node Buffer under Node: give every caller a plain Uint8Array.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
