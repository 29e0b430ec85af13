// Pooling and reductions: AVERAGE_POOL_2D, MAX_POOL_2D, MEAN.
import type { ConversionContext } from '../context.js';
import { NCHW_AXIS_OF_NHWC } from '../context.js';
import type { TfliteOperator } from '../tflite-reader.js';
import { readPool2DOptions, readReducerKeepDims } from '../tflite-reader.js';
import type { OpConverters } from './types.js';
import { windowPads } from './spatial.js';

function pool(onnxOp: 'AveragePool' | 'MaxPool', ctx: ConversionContext, op: TfliteOperator, name: string): void {
  const o = readPool2DOptions(op);
  const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
  const pads = windowPads(name, x.shape, out.shape, { ...o, kernelH: o.filterH, kernelW: o.filterW, dilationH: 1, dilationW: 1 });
  const attributes = { kernel_shape: [o.filterH, o.filterW], strides: [o.strideH, o.strideW], pads };
  // TFLite averages over the valid cells only, which is ONNX's count_include_pad = 0.
  ctx.emit(onnxOp, [ctx.value(x.index, 'nchw')], out.index, 'nchw', onnxOp === 'AveragePool' ? { ...attributes, count_include_pad: 0 } : attributes, o.activation);
}

export const poolConverters: OpConverters = {
  AVERAGE_POOL_2D: (ctx, op) => pool('AveragePool', ctx, op, 'AVERAGE_POOL_2D'),
  MAX_POOL_2D: (ctx, op) => pool('MaxPool', ctx, op, 'MAX_POOL_2D'),

  MEAN(ctx, op) {
    const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
    const keepDims = readReducerKeepDims(op);
    const rank = x.shape.length;
    const axes = [...new Set(Array.from(ctx.constantValues(ctx.tensor(op.inputs[1]).index), (a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
    // Reduce NCHW activations in place when the rank survives; otherwise reduce in TFLite's layout.
    const layout = rank === 4 && keepDims ? 'nchw' : 'tflite';
    const onnxAxes = layout === 'nchw' ? axes.map((a) => NCHW_AXIS_OF_NHWC[a as 0 | 1 | 2 | 3]).sort((a, b) => a - b) : axes;
    ctx.emit('ReduceMean', [ctx.value(x.index, layout)], out.index, layout, { axes: onnxAxes, keepdims: keepDims ? 1 : 0 });
  },
};
