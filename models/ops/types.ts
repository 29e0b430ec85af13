import type { ConversionContext } from '../context.js';
import type { TfliteOperator } from '../tflite-reader.js';

/** Converts one TFLite operator by emitting ONNX nodes into the context. */
export type OpConverter = (ctx: ConversionContext, op: TfliteOperator) => void;

/** Converters by operator name: the BuiltinOperator name, or a custom op's custom_code. */
export type OpConverters = Readonly<Record<string, OpConverter>>;
