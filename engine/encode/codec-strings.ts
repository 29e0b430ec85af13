// WebCodecs codec strings for VP9 and AV1 at the lowest level that fits a size
// and rate (H.264's is in avc-level.ts). 8-bit 4:2:0, as every player decodes.
import type { VideoCodec } from '../params';
import { avcHighCodec } from './avc-level';

interface Level {
  id: number;
  maxPicture: number;
  maxSampleRate: number;
}

// VP9 Bitstream Annex A: luma picture size and luma sample rate per level.
const VP9_LEVELS: readonly Level[] = [
  { id: 10, maxPicture: 36_864, maxSampleRate: 829_440 },
  { id: 11, maxPicture: 73_728, maxSampleRate: 2_764_800 },
  { id: 20, maxPicture: 122_880, maxSampleRate: 4_608_000 },
  { id: 21, maxPicture: 245_760, maxSampleRate: 9_216_000 },
  { id: 30, maxPicture: 552_960, maxSampleRate: 20_736_000 },
  { id: 31, maxPicture: 983_040, maxSampleRate: 36_864_000 },
  { id: 40, maxPicture: 2_228_224, maxSampleRate: 83_558_400 },
  { id: 41, maxPicture: 2_228_224, maxSampleRate: 160_432_128 },
  { id: 50, maxPicture: 8_912_896, maxSampleRate: 311_951_360 },
  { id: 51, maxPicture: 8_912_896, maxSampleRate: 588_251_136 },
  { id: 52, maxPicture: 8_912_896, maxSampleRate: 1_176_502_272 },
];

// AV1 spec Annex A.3: seq_level_idx with MaxPicSize and MaxDisplayRate (Main tier).
const AV1_LEVELS: readonly Level[] = [
  { id: 0, maxPicture: 147_456, maxSampleRate: 4_423_680 },
  { id: 1, maxPicture: 278_784, maxSampleRate: 8_363_520 },
  { id: 4, maxPicture: 665_856, maxSampleRate: 19_975_680 },
  { id: 5, maxPicture: 1_065_024, maxSampleRate: 31_950_720 },
  { id: 8, maxPicture: 2_359_296, maxSampleRate: 70_778_880 },
  { id: 9, maxPicture: 2_359_296, maxSampleRate: 141_557_760 },
  { id: 12, maxPicture: 8_912_896, maxSampleRate: 267_386_880 },
  { id: 13, maxPicture: 8_912_896, maxSampleRate: 534_773_760 },
  { id: 14, maxPicture: 8_912_896, maxSampleRate: 1_069_547_520 },
];

function fit(levels: readonly Level[], width: number, height: number, fps: number, name: string): number {
  const picture = width * height;
  const level = levels.find((l) => picture <= l.maxPicture && picture * fps <= l.maxSampleRate);
  if (!level) throw new Error(`${width}×${height} at ${fps} fps is beyond the ${name} levels this encoder writes.`);
  return level.id;
}

/** VP9 profile 0, 8-bit: `vp09.00.LL.08`. */
export function vp9Codec(width: number, height: number, fps: number): string {
  return `vp09.00.${String(fit(VP9_LEVELS, width, height, fps, 'VP9')).padStart(2, '0')}.08`;
}

/** AV1 Main profile, Main tier, 8-bit: `av01.0.LLM.08`. */
export function av1Codec(width: number, height: number, fps: number): string {
  return `av01.0.${String(fit(AV1_LEVELS, width, height, fps, 'AV1')).padStart(2, '0')}M.08`;
}

export function webCodecsCodec(codec: VideoCodec, width: number, height: number, fps: number): string {
  if (codec === 'vp9') return vp9Codec(width, height, fps);
  if (codec === 'av1') return av1Codec(width, height, fps);
  return avcHighCodec(width, height, fps);
}
