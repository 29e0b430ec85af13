// RGBA → I420 in limited-range BT.709, the form every player and upload
// service takes as it is. Browsers' own RGB → YUV step (a canvas handed to
// VideoEncoder) writes full-range samples tagged with the sRGB transfer,
// which some services re-encode or show washed out; converting here lets
// the WebCodecs path write the same yuv420p/BT.709 as the x264 path.

/** The colour description of what rgbaToI420 writes. */
export const BT709_LIMITED = { primaries: 'bt709', transfer: 'bt709', matrix: 'bt709', fullRange: false } as const;

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
/** Fixed point: with 16 fractional bits every sample is the exact value rounded, give or take 0.01 of a level. */
const ONE = 1 << 16;
const fixed = (c: number) => Math.round(c * ONE);
// Y' = 16 + 219 · luma, Cb/Cr = 128 + 224 · colour difference, from 8-bit R'G'B'.
const Y_R = fixed((219 / 255) * KR);
const Y_G = fixed((219 / 255) * KG);
const Y_B = fixed((219 / 255) * KB);
const CB = (224 / 255) / (2 * (1 - KB));
const CR = (224 / 255) / (2 * (1 - KR));
const CB_R = fixed(-CB * KR);
const CB_G = fixed(-CB * KG);
const CB_B = fixed(CB * (1 - KB));
const CR_R = fixed(CR * (1 - KR));
const CR_G = fixed(-CR * KG);
const CR_B = fixed(-CR * KB);
const Y_OFFSET = 16 * ONE + ONE / 2;
/** Chroma sums four pixels, so its offset and rounding are in quarter units. */
const C_OFFSET = 128 * 4 * ONE + 2 * ONE;

/** Bytes of an I420 frame: a full-size Y plane and quarter-size U and V planes. */
export const i420Size = (width: number, height: number): number => width * height + 2 * (width / 2) * (height / 2);

/**
 * Converts top-row-first RGBA (alpha ignored) to I420 in `dst`. Each chroma
 * sample is the mean of its 2×2 block: centred, where H.264's default siting
 * is half a pixel further left, a shift no one sees at video sizes. Sides
 * must be even, as every output size is.
 */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number, dst: Uint8Array): void {
  if (width % 2 || height % 2) throw new Error(`I420 needs even sides, not ${width}×${height}`);
  if (rgba.length < width * height * 4 || dst.length < i420Size(width, height)) throw new Error('rgbaToI420: buffers too small');
  const cw = width / 2;
  const uBase = width * height;
  const vBase = uBase + cw * (height / 2);
  for (let y = 0; y < height; y += 2) {
    let top = y * width * 4;
    let bottom = top + width * 4;
    let yTop = y * width;
    let yBottom = yTop + width;
    let c = (y / 2) * cw;
    for (let x = 0; x < width; x += 2, top += 8, bottom += 8, yTop += 2, yBottom += 2, c++) {
      const r0 = rgba[top]!, g0 = rgba[top + 1]!, b0 = rgba[top + 2]!;
      const r1 = rgba[top + 4]!, g1 = rgba[top + 5]!, b1 = rgba[top + 6]!;
      const r2 = rgba[bottom]!, g2 = rgba[bottom + 1]!, b2 = rgba[bottom + 2]!;
      const r3 = rgba[bottom + 4]!, g3 = rgba[bottom + 5]!, b3 = rgba[bottom + 6]!;
      dst[yTop] = (Y_R * r0 + Y_G * g0 + Y_B * b0 + Y_OFFSET) >> 16;
      dst[yTop + 1] = (Y_R * r1 + Y_G * g1 + Y_B * b1 + Y_OFFSET) >> 16;
      dst[yBottom] = (Y_R * r2 + Y_G * g2 + Y_B * b2 + Y_OFFSET) >> 16;
      dst[yBottom + 1] = (Y_R * r3 + Y_G * g3 + Y_B * b3 + Y_OFFSET) >> 16;
      const r = r0 + r1 + r2 + r3;
      const g = g0 + g1 + g2 + g3;
      const b = b0 + b1 + b2 + b3;
      dst[uBase + c] = (CB_R * r + CB_G * g + CB_B * b + C_OFFSET) >> 18;
      dst[vBase + c] = (CR_R * r + CR_G * g + CR_B * b + C_OFFSET) >> 18;
    }
  }
}
