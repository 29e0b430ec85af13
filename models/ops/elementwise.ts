// Element-wise operators: ADD, MUL (with broadcasting and fused activation),
// RELU, HARD_SWISH, LOGISTIC.
import type { ConversionContext, Layout } from '../context.js';
import type { TfliteOperator } from '../tflite-reader.js';
import { readFusedActivation } from '../tflite-reader.js';
import type { OpConverters } from './types.js';

function binary(onnxOp: 'Add' | 'Mul', ctx: ConversionContext, op: TfliteOperator, name: string): void {
  const out = ctx.tensor(op.outputs[0]);
  const operands = op.inputs.map((i) => ctx.tensor(i));
  const layout: Layout = out.shape.length === 4 ? 'nchw' : 'tflite';
  for (const t of operands) {
    // NHWC broadcasting aligns trailing axes; once permuted to NCHW only constants can be re-aligned.
    if (layout === 'nchw' && t.shape.length !== 4 && !ctx.isConstant(t.index)) {
      throw new Error(`${name} "${out.name}": a computed rank-${t.shape.length} operand cannot broadcast against NCHW activations`);
    }
  }
  ctx.emit(onnxOp, operands.map((t) => ctx.value(t.index, layout)), out.index, layout, undefined, readFusedActivation(op, onnxOp === 'Add' ? 'AddOptions' : 'MulOptions'));
}

function unary(onnxOp: string, ctx: ConversionContext, op: TfliteOperator): void {
  const x = ctx.tensor(op.inputs[0]);
  const layout = ctx.layoutOf(x.index);
  ctx.emit(onnxOp, [ctx.value(x.index, layout)], ctx.tensor(op.outputs[0]).index, layout);
}

export const elementwiseConverters: OpConverters = {
  ADD: (ctx, op) => binary('Add', ctx, op, 'ADD'),
  MUL: (ctx, op) => binary('Mul', ctx, op, 'MUL'),
  RELU: (ctx, op) => unary('Relu', ctx, op),
  // ONNX HardSwish is x * max(0, min(1, x/6 + 1/2)) = TFLite's x * relu6(x + 3) / 6.
  HARD_SWISH: (ctx, op) => unary('HardSwish', ctx, op),
  LOGISTIC: (ctx, op) => unary('Sigmoid', ctx, op),
};
