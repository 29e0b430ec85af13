// What a clip's bytes are, by their signature: the benchmark checks each
// case delivered the container it asked for (a branch without GIF output
// would otherwise pass an MP4 off as the GIF case).
export type Container = 'mp4' | 'webm' | 'gif' | 'unknown';

export function containerOf(bytes: Uint8Array): Container {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  return 'unknown';
}
