// Output sizes and explicit pads for TFLite's SAME/VALID windows. ONNX gets
// the pads spelled out (never auto_pad), so both runtimes see the same window.
import type { Padding } from '../tflite-reader.js';

export interface Window {
  readonly padding: Padding;
  readonly strideH: number;
  readonly strideW: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly dilationH: number;
  readonly dilationW: number;
}

function pads1d(op: string, input: number, output: number, padding: Padding, stride: number, kernel: number, dilation: number): [number, number] {
  const effective = (kernel - 1) * dilation + 1;
  const expected = padding === 'SAME' ? Math.ceil(input / stride) : Math.ceil((input - effective + 1) / stride);
  if (expected !== output) throw new Error(`${op}: ${padding} window over ${input} gives ${expected}, the model says ${output}`);
  // TFLite puts the smaller half of an odd total padding first.
  const total = padding === 'SAME' ? Math.max((output - 1) * stride + effective - input, 0) : 0;
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** ONNX pads [top, left, bottom, right] for a window over NHWC input/output shapes, checking the output size. */
export function windowPads(op: string, input: readonly number[], output: readonly number[], w: Window): number[] {
  const [top, bottom] = pads1d(op, input[1]!, output[1]!, w.padding, w.strideH, w.kernelH, w.dilationH);
  const [left, right] = pads1d(op, input[2]!, output[2]!, w.padding, w.strideW, w.kernelW, w.dilationW);
  return [top, left, bottom, right];
}

/**
 * Pads for a transposed convolution: the crop, from the full
 * (input - 1) * stride + kernel result, that leaves TFLite's output size.
 */
export function transposedPads(op: string, input: readonly number[], output: readonly number[], padding: Padding, stride: [number, number], kernel: [number, number]): number[] {
  const pads = [0, 1].map((a) => {
    const inSize = input[a + 1]!;
    const outSize = output[a + 1]!;
    const expected = padding === 'SAME' ? inSize * stride[a]! : (inSize - 1) * stride[a]! + kernel[a]!;
    if (expected !== outSize) throw new Error(`${op}: ${padding} transposed window over ${inSize} gives ${expected}, the model says ${outSize}`);
    const total = (inSize - 1) * stride[a]! + kernel[a]! - outSize;
    if (total < 0) throw new Error(`${op}: an output larger than the full transposed convolution is not supported`);
    const before = Math.floor(total / 2);
    return [before, total - before] as const;
  });
  return [pads[0]![0], pads[1]![0], pads[0]![1], pads[1]![1]];
}
