// Sub-pixel smoothness: a soft dot in a synthetic image is tracked through the
// decoded clip, and must sit where the planned camera path puts it, frame by
// frame, to within a tenth of a pixel through x264 (whole-pixel rounding would be off by up to 0.5).
import { describe, expect, it } from 'vitest';
import { renderAndDownload, seedFor, selectImage } from '../../cli/drive';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { viewToOutput } from '../../engine/motion/camera';
import { NO_PICTURE_INFO, planClip } from '../../engine/motion/plan';
import { useHarness } from './browser';
import { decodeFrames, rgbToPng, saveTemp } from './media';

const harness = useHarness();
const image = { width: 960, height: 540 };
const dots = [
  { x: 400.3, y: 270.6 },
  { x: 520.7, y: 200.2 },
];
const SIGMA = 5;
const BACKGROUND = 40;

function dotImage(): Uint8Array {
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let j = 0; j < image.height; j++) {
    for (let i = 0; i < image.width; i++) {
      let v = 0;
      for (const d of dots) v += Math.exp(-((i + 0.5 - d.x) ** 2 + (j + 0.5 - d.y) ** 2) / (2 * SIGMA * SIGMA));
      rgb.fill(Math.round(BACKGROUND + 200 * Math.min(1, v)), (j * image.width + i) * 3, (j * image.width + i) * 3 + 3);
    }
  }
  return rgbToPng(rgb, image.width, image.height);
}

/** Intensity-weighted centre of the dot near an expected point, in continuous output coordinates. */
function centroid(frame: Uint8Array, width: number, height: number, near: { x: number; y: number }, radius = 18) {
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let v = Math.max(0, Math.floor(near.y - radius)); v < Math.min(height, Math.ceil(near.y + radius)); v++) {
    for (let u = Math.max(0, Math.floor(near.x - radius)); u < Math.min(width, Math.ceil(near.x + radius)); u++) {
      const w = Math.max(0, frame[v * width + u]! - BACKGROUND - 4);
      sum += w;
      sx += w * (u + 0.5);
      sy += w * (v + 0.5);
    }
  }
  return { x: sx / sum, y: sy / sum };
}

// The renderer is held to 0.1 px through x264 at CRF 18 (figma host): measured 0.03–0.04 px. Chromium's
// OpenH264 (secure host) codes these dots coarsely: the 2 s clip is about 20 kb/s of a 1 Mb/s budget, at
// the encoder's quality floor, and Chromium offers no quantizer mode for it. Where the ease is slowest it
// leaves blocks unrefreshed, so the pan measured 0.17 px there (zoom-in and tilt-up 0.12–0.14 px): still
// sub-pixel, where whole-pixel crops would be off by up to 0.5 px.
const BOUND = { figma: 0.1, secure: 0.25 } as const;
const cases: { host: 'figma' | 'secure'; template: RenderParams['template']; duration: number }[] = [
  { host: 'figma', template: 'pan-right', duration: 2 },
  { host: 'secure', template: 'pan-right', duration: 2 },
  { host: 'figma', template: 'zoom-in', duration: 1 },
  { host: 'figma', template: 'tilt-up', duration: 1 },
];

describe.each(cases)('$host host', ({ host, template, duration }) => {
  it(`${template} moves with sub-pixel accuracy along the planned path`, async () => {
    // A fixed focus point: the framing then does not depend on what the analysis makes of the dots,
    // and the plan below (made without the analysis) is the engine's. The analysis's keep box could
    // still move a view, but only if it reached beyond the centred views' bounds: the zoom's closest
    // view (768×432 about the centre) keeps x in 96..864 and y in 54..486, the tilt's (800×450)
    // x in 80..880 and y in 45..495, and the only thing in the picture, the dots, lies well inside both.
    const params: RenderParams = { ...DEFAULT_PARAMS, template, duration, fps: 30, width: 640, height: 360, focus: { x: 0.5, y: 0.5 } };
    const session = await harness.open(host, seedFor(params));
    await selectImage(session, 'Dots', dotImage());
    const { bytes } = await renderAndDownload(session);
    const frames = decodeFrames(saveTemp(bytes, 'dots.mp4'), params.width, params.height, 'gray');
    const plan = planClip(params, image, NO_PICTURE_INFO);
    expect(frames.length).toBe(plan.frames);

    let worst = 0;
    let worstStep = 0;
    let travel = 0;
    let previous: { measured: { x: number; y: number }; planned: { x: number; y: number } }[] = [];
    frames.forEach((frame, i) => {
      const view = plan.frameAt(i).pose.view;
      const now = dots.map((d) => {
        const planned = viewToOutput(view, params, d.x, d.y);
        return { planned, measured: centroid(frame, params.width, params.height, planned) };
      });
      for (const [k, { planned, measured }] of now.entries()) {
        worst = Math.max(worst, Math.abs(measured.x - planned.x), Math.abs(measured.y - planned.y));
        const before = previous[k];
        if (before) {
          for (const axis of ['x', 'y'] as const) {
            const shift = measured[axis] - before.measured[axis];
            const plannedShift = planned[axis] - before.planned[axis];
            worstStep = Math.max(worstStep, Math.abs(shift - plannedShift));
          }
          travel += Math.hypot(planned.x - before.planned.x, planned.y - before.planned.y);
        }
      }
      previous = now;
    });
    // The dots really travel (tens of pixels), so matching the path is no accident of a still clip.
    expect(travel).toBeGreaterThan(20);
    expect(worst).toBeLessThan(BOUND[host]);
    expect(worstStep).toBeLessThan(BOUND[host]);
  });
});
