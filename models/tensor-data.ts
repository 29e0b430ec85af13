// Plain tensor-data helpers shared by the converter: decoding TFLite buffers,
// permuting axes of constant weights, little-endian serialisation for ONNX.

/** Decodes one IEEE 754 half-precision value. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// DataView reads: a buffer's view into the file need not be aligned for typed arrays.

export function decodeFloat16(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
  return out;
}

export function decodeFloat32(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

export function decodeInt32(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(4 * i, true);
  return out;
}

export type NumericArray = Float32Array | Int32Array;

/** out[i_perm[0], ..., i_perm[n-1]] = data[i_0, ..., i_{n-1}]: the ONNX Transpose rule. */
export function permute<T extends NumericArray>(data: T, shape: readonly number[], perm: readonly number[]): T {
  const rank = shape.length;
  if (perm.length !== rank) throw new Error(`permutation [${perm}] does not fit shape [${shape}]`);
  const inStrides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) inStrides[a] = inStrides[a + 1]! * shape[a + 1]!;
  const outShape = perm.map((p) => shape[p]!);
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let a = 0; a < rank; a++) src += index[a]! * inStrides[perm[a]!]!;
    out[o] = data[src]!;
    for (let a = rank - 1; a >= 0; a--) {
      if (++index[a]! < outShape[a]!) break;
      index[a] = 0;
    }
  }
  return out;
}

export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  return out;
}

export function int64Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(8 * i, BigInt(values[i]!), true);
  return out;
}
