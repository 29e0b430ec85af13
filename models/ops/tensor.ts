// Data movement and constants: RESHAPE, CONCATENATION, PAD, RESIZE_BILINEAR, DEQUANTIZE.
import type { Layout } from '../context.js';
import { NCHW_AXIS_OF_NHWC, TO_NCHW } from '../context.js';
import { readConcatenationOptions, readResizeBilinearOptions, TensorType, tensorTypeName } from '../tflite-reader.js';
import type { OpConverters } from './types.js';

export const tensorConverters: OpConverters = {
  // Reshape follows TFLite's element order, so it runs on the TFLite layout. The
  // target shape is the output tensor's static shape (the shape input or option may hold -1).
  RESHAPE(ctx, op) {
    const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
    ctx.emit('Reshape', [ctx.value(x.index, 'tflite'), ctx.int64Initializer(`${out.name}/shape`, out.shape)], out.index, 'tflite');
  },

  CONCATENATION(ctx, op) {
    const o = readConcatenationOptions(op);
    const out = ctx.tensor(op.outputs[0]);
    const rank = out.shape.length;
    const axis = o.axis < 0 ? o.axis + rank : o.axis;
    const layout: Layout = rank === 4 ? 'nchw' : 'tflite';
    const onnxAxis = layout === 'nchw' ? NCHW_AXIS_OF_NHWC[axis as 0 | 1 | 2 | 3] : axis;
    ctx.emit('Concat', op.inputs.map((i) => ctx.value(i, layout)), out.index, layout, { axis: onnxAxis }, o.activation);
  },

  PAD(ctx, op) {
    const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
    const paddings = ctx.constantValues(ctx.tensor(op.inputs[1]).index); // [rank, 2]: (before, after) per NHWC axis
    const rank = x.shape.length;
    const layout: Layout = rank === 4 ? 'nchw' : 'tflite';
    const order = layout === 'nchw' ? TO_NCHW : x.shape.map((_, i) => i);
    const pads = [...order.map((a) => paddings[2 * a]!), ...order.map((a) => paddings[2 * a + 1]!)];
    ctx.emit('Pad', [ctx.value(x.index, layout), ctx.int64Initializer(`${out.name}/pads`, pads)], out.index, layout);
  },

  RESIZE_BILINEAR(ctx, op) {
    const o = readResizeBilinearOptions(op);
    const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
    const size = ctx.constantValues(ctx.tensor(op.inputs[1]).index);
    if (size[0] !== out.shape[1] || size[1] !== out.shape[2]) throw new Error(`RESIZE_BILINEAR "${out.name}": size [${size}] disagrees with the output shape [${out.shape}]`);
    // TFLite: align_corners maps corner to corner; half_pixel_centers samples at (i + 0.5) * scale - 0.5,
    // clamped to the edge, as ONNX half_pixel does for linear mode; neither is the asymmetric i * scale.
    const mode = o.alignCorners ? 'align_corners' : o.halfPixelCenters ? 'half_pixel' : 'asymmetric';
    const sizes = TO_NCHW.map((a) => out.shape[a]!);
    ctx.emit('Resize', [ctx.value(x.index, 'nchw'), '', '', ctx.int64Initializer(`${out.name}/sizes`, sizes)], out.index, 'nchw', {
      mode: 'linear',
      coordinate_transformation_mode: mode,
    });
  },

  // FP16 weights widened to FP32 once, at conversion: the ONNX graph carries plain float initializers.
  DEQUANTIZE(ctx, op) {
    const [x, out] = [ctx.tensor(op.inputs[0]), ctx.tensor(op.outputs[0])];
    if (!ctx.isConstant(x.index)) throw new Error(`DEQUANTIZE "${out.name}": only constant inputs are supported`);
    if (x.type !== TensorType.FLOAT16) throw new Error(`DEQUANTIZE "${out.name}": input type ${tensorTypeName(x.type)} is not supported (FLOAT16 only)`);
    ctx.defineConstant(out.index, ctx.constantValues(x.index));
  },
};
