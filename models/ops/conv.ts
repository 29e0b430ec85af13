// Convolutions: CONV_2D, DEPTHWISE_CONV_2D and MediaPipe's custom
// Convolution2DTransposeBias. Weights are permuted once, at conversion time.
import type { ConversionContext } from '../context.js';
import { TO_NCHW } from '../context.js';
import type { Conv2DOptions, TfliteOperator } from '../tflite-reader.js';
import { readConv2DOptions, readDepthwiseConv2DOptions, readTransposeConvBiasOptions } from '../tflite-reader.js';
import type { OpConverters } from './types.js';
import { transposedPads, windowPads } from './spatial.js';

/** [I, O, KH, KW] from TFLite's OHWI, for depthwise ([1, KH, KW, C*M] → [C*M, 1, KH, KW]) and transposed weights. */
const CHANNELS_FIRST = [3, 0, 1, 2] as const;

function withBias(ctx: ConversionContext, op: TfliteOperator, inputs: string[]): string[] {
  const bias = op.inputs[2];
  if (bias !== undefined && bias >= 0) inputs.push(ctx.constantInitializer(bias, undefined, 'bias'));
  return inputs;
}

/** A TFLite convolution as an ONNX Conv on NCHW values, weights permuted by `permutation`. */
function emitConv(
  ctx: ConversionContext,
  op: TfliteOperator,
  kind: string,
  o: Conv2DOptions,
  permutation: Parameters<ConversionContext['constantInitializer']>[1],
  group: number,
): void {
  const [x, w, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.inputs[1]), ctx.tensor(op.outputs[0])];
  const [, kh, kw] = w.shape as [number, number, number, number];
  const pads = windowPads(kind, x.shape, out.shape, { ...o, kernelH: kh, kernelW: kw });
  const inputs = withBias(ctx, op, [ctx.value(x.index, 'nchw'), ctx.constantInitializer(w.index, permutation, `${kind} weights`)]);
  ctx.emit(
    'Conv',
    inputs,
    out.index,
    'nchw',
    { kernel_shape: [kh, kw], strides: [o.strideH, o.strideW], dilations: [o.dilationH, o.dilationW], pads, group },
    o.activation,
  );
}

export const convConverters: OpConverters = {
  CONV_2D(ctx, op) {
    const o = readConv2DOptions(op);
    const [x, w] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.inputs[1])];
    const perGroup = w.shape[3]!;
    const channels = x.shape[3]!;
    if (channels % perGroup !== 0) {
      throw new Error(`CONV_2D "${ctx.tensor(op.outputs[0]).name}": ${channels} input channels do not split into groups of ${perGroup}`);
    }
    emitConv(ctx, op, 'CONV_2D', o, TO_NCHW, channels / perGroup);
  },

  DEPTHWISE_CONV_2D(ctx, op) {
    // Output channel c*M + m reads input channel c: exactly ONNX's grouped conv with one group per input channel.
    emitConv(ctx, op, 'DEPTHWISE_CONV_2D', readDepthwiseConv2DOptions(op), CHANNELS_FIRST, ctx.tensor(op.inputs[0]).shape[3]!);
  },

  // Inputs (input, OHWI weights, bias); options are a raw struct, read by the reader.
  Convolution2DTransposeBias(ctx, op) {
    const o = readTransposeConvBiasOptions(op.customOptions);
    const [x, w, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.inputs[1]), ctx.tensor(op.outputs[0])];
    const [, kh, kw] = w.shape as [number, number, number, number];
    const pads = transposedPads('Convolution2DTransposeBias', x.shape, out.shape, o.padding, [o.strideH, o.strideW], [kh, kw]);
    const inputs = withBias(ctx, op, [ctx.value(x.index, 'nchw'), ctx.constantInitializer(w.index, CHANNELS_FIRST, 'Convolution2DTransposeBias weights')]);
    ctx.emit('ConvTranspose', inputs, out.index, 'nchw', { kernel_shape: [kh, kw], strides: [o.strideH, o.strideW], pads });
  },
};
