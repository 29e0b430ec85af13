// Seeded random inputs for fuzz tests: arbitrary JSON-like values and
// mutations of valid ones (fields dropped, retyped, stretched, nested,
// prototype keys), and byte-level mutations of files. Same seed, same inputs.

export type Random = () => number;

/** mulberry32: small, fast, good enough to spread test inputs. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)]!;

const ODD_NUMBERS = [0, -0, -1, 1, 0.5, 2 ** 31, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity, 1e-300];
const ODD_STRINGS = ['', ' ', 'mp4', 'gif', 'zoom-in', '__proto__', 'constructor', '\u0000', '\ud800', 'x'.repeat(100_000), '<script>', '1280'];
const ODD_KEYS = ['type', 'params', 'nodes', 'bytes', 'width', 'height', 'fps', 'template', '__proto__', 'constructor', 'prototype', 'toString'];

/** Any value a postMessage could carry (and some it could not). */
export function randomValue(r: Random, depth = 0): unknown {
  switch (int(r, depth > 3 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() < 0.5;
    case 3:
      return pick(r, ODD_NUMBERS);
    case 4:
      return (r() - 0.5) * 10 ** int(r, 8);
    case 5:
      return pick(r, ODD_STRINGS);
    case 6:
      return r() < 0.5 ? new Uint8Array(int(r, 64)) : new Float32Array(int(r, 8));
    case 7:
      return Array.from({ length: int(r, 6) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(r, 6); i > 0; i--) o[pick(r, ODD_KEYS)] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** A copy of a valid value with one to three things broken somewhere inside it. */
export function mutate(r: Random, value: unknown): unknown {
  let out = structuredClone(value);
  for (let n = 1 + int(r, 3); n > 0; n--) out = mutateOnce(r, out, 0);
  return out;
}

function mutateOnce(r: Random, value: unknown, depth: number): unknown {
  const container = value !== null && typeof value === 'object' && !ArrayBuffer.isView(value);
  if (!container || (depth > 0 && r() < 0.3)) return r() < 0.7 ? randomValue(r, depth) : value;
  const target = value as Record<string, unknown>;
  const keys = Object.keys(target);
  const action = int(r, 4);
  if (action === 0 && keys.length) delete target[pick(r, keys)];
  else if (action === 1) Object.defineProperty(target, pick(r, ODD_KEYS), { value: randomValue(r, depth + 1), enumerable: true, configurable: true, writable: true });
  else if (keys.length) {
    const key = pick(r, keys);
    target[key] = mutateOnce(r, target[key], depth + 1);
  }
  return target;
}

/** Bit flips, overwritten runs, truncation, duplication or a forged 32-bit field somewhere in a file. */
export function mutateBytes(r: Random, bytes: Uint8Array): Uint8Array {
  let out = bytes.slice();
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const at = int(r, out.length);
    switch (int(r, 5)) {
      case 0:
        out[at] = out[at]! ^ (1 << int(r, 8));
        break;
      case 1:
        for (let i = at, end = Math.min(out.length, at + 1 + int(r, 16)); i < end; i++) out[i] = int(r, 256);
        break;
      case 2:
        out = out.slice(0, at);
        break;
      case 3: {
        const copy = out.slice(at, at + int(r, 256));
        const grown = new Uint8Array(out.length + copy.length);
        grown.set(out.subarray(0, at));
        grown.set(copy, at);
        grown.set(out.subarray(at), at + copy.length);
        out = grown;
        break;
      }
      default:
        // Lengths and sizes in headers are 32-bit big-endian fields in PNG and 16-bit in JPEG.
        if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, pick(r, [0, 1, 0xffff, 0x7fffffff, 0xffffffff, 40000]));
    }
  }
  return out;
}
