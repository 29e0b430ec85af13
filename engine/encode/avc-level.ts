// Picks the H.264 High-profile codec string whose level fits a size and rate
// (ITU-T H.264 Table A-1 limits on frame size and macroblock rate).
const LEVELS: ReadonlyArray<{ level: number; maxFrameMbs: number; maxMbps: number }> = [
  { level: 31, maxFrameMbs: 3600, maxMbps: 108_000 },
  { level: 40, maxFrameMbs: 8192, maxMbps: 245_760 },
  { level: 42, maxFrameMbs: 8704, maxMbps: 522_240 },
  { level: 50, maxFrameMbs: 22_080, maxMbps: 589_824 },
  { level: 51, maxFrameMbs: 36_864, maxMbps: 983_040 },
  { level: 52, maxFrameMbs: 36_864, maxMbps: 2_073_600 },
];

export function avcHighCodec(width: number, height: number, fps: number): string {
  const frameMbs = Math.ceil(width / 16) * Math.ceil(height / 16);
  const fit = LEVELS.find((l) => frameMbs <= l.maxFrameMbs && frameMbs * fps <= l.maxMbps);
  if (!fit) throw new Error(`${width}×${height} at ${fps} fps is beyond H.264 level 5.2.`);
  return `avc1.6400${fit.level.toString(16).padStart(2, '0')}`;
}
