// Colour: flat patches of known sRGB colours must come back from a player's
// decode (which follows the clip's colour tags) as the same colours.
import { describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage } from '../../cli/drive';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { useHarness } from './browser';
import { decodeFrames, rgbToPng, saveTemp } from './media';

const harness = useHarness();
const W = 640;
const H = 360;
const PATCHES: ReadonlyArray<readonly [number, number, number]> = [
  [220, 30, 30],
  [30, 200, 60],
  [40, 60, 220],
  [128, 128, 128],
  [235, 235, 235],
  [224, 172, 140],
];

function patchImage(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < W; i++) {
      const colour = PATCHES[Math.floor(i / (W / 3)) + 3 * Math.floor(j / (H / 2))]!;
      rgb.set(colour, (j * W + i) * 3);
    }
  }
  return rgbToPng(rgb, W, H);
}

describe.each(['figma', 'secure'] as const)('%s host', (host) => {
  it('keeps colours: decoded patches match the source within 4 levels', async () => {
    const params: RenderParams = { ...DEFAULT_PARAMS, template: 'zoom-in', duration: 1, fps: 24, width: W, height: H };
    const session = await harness.open(host, seedFor(params));
    await selectImage(session, 'Patches', patchImage());
    const { bytes } = await renderAndDownload(session);
    const [first] = decodeFrames(saveTemp(bytes, 'patches.mp4'), W, H, 'rgb24');
    // Frame 0 shows the whole image; sample 12×12 blocks well inside each patch.
    PATCHES.forEach((colour, k) => {
      const cx = Math.round(((k % 3) + 0.5) * (W / 3));
      const cy = Math.round((Math.floor(k / 3) + 0.5) * (H / 2));
      const mean = [0, 0, 0];
      for (let v = cy - 6; v < cy + 6; v++) for (let u = cx - 6; u < cx + 6; u++) for (let c = 0; c < 3; c++) mean[c]! += first![(v * W + u) * 3 + c]! / 144;
      mean.forEach((m, c) => expect(Math.abs(m - colour[c]!), `patch ${k} channel ${c}: ${mean.map(Math.round)} vs ${colour}`).toBeLessThanOrEqual(4));
    });
  });
});
