// How much of a frame shows a layer stretched: the quality measure for the
// layered renderer's meshes (the background layer must never stretch, and the
// foreground's cut rule is judged by it). Pure, for the tests.
import type { Plane } from '../analysis/types';
import { projectToOutput } from '../motion/camera';
import type { FrameSpec, Size } from '../motion/types';

/**
 * The share (0..1) of the output's area covered by mesh cells that the frame's
 * warp stretches: cells of the grid of the depth plane's pixel centres (scaled
 * to the image), each corner placed by projectToOutput at its depth, where an
 * edge between neighbouring points comes out more than `limit` times as long as
 * the view's plain scale (out.width / view.w) makes it. A cell the warp folds
 * over (a near side sliding over a far one) is occlusion, not stretch, and
 * does not count. A cell's area is clipped to the output by its bounding box.
 */
export function stretchedShare(depth: Plane, frame: FrameSpec, image: Size, out: Size, limit = 3): number {
  const { width: gw, height: gh, data } = depth;
  const sx = image.width / gw;
  const sy = image.height / gh;
  const scale = out.width / frame.pose.view.w;
  const maxX = limit * sx * scale;
  const maxY = limit * sy * scale;
  // Two rows of projected grid points at a time: x, y interleaved.
  let above = new Float64Array(gw * 2);
  let below = new Float64Array(gw * 2);
  const project = (row: Float64Array, j: number) => {
    for (let i = 0; i < gw; i++) {
      const p = projectToOutput(frame.pose, frame.depth, image, out, (i + 0.5) * sx, (j + 0.5) * sy, data[j * gw + i]!);
      row[i * 2] = p.x;
      row[i * 2 + 1] = p.y;
    }
  };
  project(above, 0);
  let stretched = 0;
  for (let j = 0; j + 1 < gh; j++) {
    project(below, j + 1);
    for (let i = 0; i + 1 < gw; i++) {
      // Corners counter-clockwise on screen (y down): top-left, bottom-left, bottom-right, top-right.
      const xs = [above[i * 2]!, below[i * 2]!, below[i * 2 + 2]!, above[i * 2 + 2]!];
      const ys = [above[i * 2 + 1]!, below[i * 2 + 1]!, below[i * 2 + 3]!, above[i * 2 + 3]!];
      let area = 0;
      for (let k = 0; k < 4; k++) area += xs[(k + 1) % 4]! * ys[k]! - xs[k]! * ys[(k + 1) % 4]!;
      area /= 2;
      if (area <= 0) continue;
      const long = (a: number, b: number, max: number) => Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!) > max;
      if (!(long(0, 3, maxX) || long(1, 2, maxX) || long(0, 1, maxY) || long(3, 2, maxY))) continue;
      const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const inside = Math.max(0, Math.min(right, out.width) - Math.max(left, 0)) * Math.max(0, Math.min(bottom, out.height) - Math.max(top, 0));
      stretched += (area * inside) / ((right - left) * (bottom - top));
    }
    [above, below] = [below, above];
  }
  return stretched / (out.width * out.height);
}
