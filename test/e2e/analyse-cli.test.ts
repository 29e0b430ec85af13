// `npm run analyse` as a designer runs it: mask.png, depth.png and
// analysis.json for any photo, with the built-in layered depth or their own
// depth model.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../cli/image-file';
import { makeTestDepthModel, TEST_DEPTH_BIAS, TEST_DEPTH_WEIGHTS } from '../../models/make-depth-model';
import regionsJson from '../fixtures/regions.json';
import { root } from './browser';

type Box = [number, number, number, number];
const regions = regionsJson as unknown as Record<string, { face?: Box; subject: Box[] }>;
const dir = mkdtempSync(join(tmpdir(), 'stillmotion-analyse-'));
const astronaut = join(root, 'test/fixtures/astronaut.png');

function analyse(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'cli/analyse.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

function readGray(path: string) {
  const png = PNG.sync.read(readFileSync(path));
  return { png, gray: Float64Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4]! / 255) };
}

/** Means over a grid of blocks: compares maps that agree in layout, not pixel for pixel. */
function blockMeans(values: ArrayLike<number>, width: number, height: number, blocks: number): number[] {
  const out: number[] = [];
  for (let by = 0; by < blocks; by++) {
    for (let bx = 0; bx < blocks; bx++) {
      let sum = 0;
      let n = 0;
      for (let y = Math.floor((by * height) / blocks); y < Math.floor(((by + 1) * height) / blocks); y++) {
        for (let x = Math.floor((bx * width) / blocks); x < Math.floor(((bx + 1) * width) / blocks); x++) {
          sum += values[y * width + x]!;
          n++;
        }
      }
      out.push(sum / n);
    }
  }
  return out;
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('npm run analyse', () => {
  it('writes the mask, the depth and analysis.json at the photo’s size', () => {
    const out = join(dir, 'astronaut');
    const r = analyse(astronaut, '--out-dir', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(JSON.parse(r.stdout.split('\n').at(-1)!)).toMatchObject({ outDir: out, subject: report.subject });

    expect(report).toMatchObject({ width: 512, height: 512, subject: 'person', depthSource: 'layers' });
    expect(report.faces).toHaveLength(1);
    const [fx, fy, fw, fh] = regions['astronaut.png']!.face!;
    const face = report.faces[0];
    expect(Object.keys(face).sort()).toEqual(['h', 'score', 'w', 'x', 'y']);
    expect(face.score).toBeGreaterThanOrEqual(0.8);
    // The box and the focus are in input pixels, on her face.
    expect(face.x + face.w / 2).toBeGreaterThan(fx);
    expect(face.x + face.w / 2).toBeLessThan(fx + fw);
    expect(report.focus.source).toBe('face');
    expect(report.focus.x).toBeGreaterThan(fx);
    expect(report.focus.y).toBeLessThan(fy + fh);
    for (const stage of ['decode', 'prepare', 'segmentation', 'faces', 'saliency', 'depth', 'upsample', 'total']) expect(report.ms[stage]).toBeGreaterThanOrEqual(0);
    expect(report.models['selfie-segmentation'].runs).toBe(1);

    for (const file of ['mask.png', 'depth.png']) {
      const { png } = readGray(join(out, file));
      expect([png.width, png.height]).toEqual([512, 512]);
    }
    const mask = readGray(join(out, 'mask.png'));
    const [sx, sy, sw, sh] = regions['astronaut.png']!.subject[0]!;
    expect(mask.gray[(sy + (sh >> 1)) * 512 + sx + (sw >> 1)]).toBeGreaterThan(0.8);
  });

  it('uses a depth model of the user’s own instead of the layered depth', () => {
    const model = join(dir, 'tiny-depth.onnx');
    writeFileSync(model, makeTestDepthModel());
    const out = join(dir, 'astronaut-model');
    const r = analyse(astronaut, '--out-dir', out, '--depth-model', model);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'))).toMatchObject({ depthSource: 'model', layers: 0 });

    // The test model's depth is a fixed mix of the colour channels: the map must follow it, nearer = brighter.
    const image = decodeImageFile(new Uint8Array(readFileSync(astronaut)));
    const [wr, wg, wb] = TEST_DEPTH_WEIGHTS;
    const expected = Float64Array.from({ length: image.width * image.height }, (_, i) => {
      const d = image.data;
      return TEST_DEPTH_BIAS + (wr * d[i * 4]! + wg * d[i * 4 + 1]! + wb * d[i * 4 + 2]!) / 255;
    });
    const { png, gray } = readGray(join(out, 'depth.png'));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(correlation(blockMeans(gray, 512, 512, 8), blockMeans(expected, 512, 512, 8))).toBeGreaterThan(0.9);
  });

  it.each([
    ['no image', ['--out-dir', dir], /usage: npm run analyse/],
    ['no output folder', [astronaut], /usage: npm run analyse/],
    ['a missing depth model', [astronaut, '--out-dir', dir, '--depth-model', join(dir, 'nope.onnx')], /Cannot read the depth model .*nope\.onnx/],
  ])('fails in one line with exit code 2 for %s', (_, args, message) => {
    const r = analyse(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
