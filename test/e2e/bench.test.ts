// `npm run bench -- --quick` as a smoke test: the tiny 1080p zoom-in case in
// both hosts, its zoompan baseline and the encoder's own throughput, with a
// JSON report last whose figures are all there and sane. (Whether the figures
// are good is the full run's business, not this test's.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './browser';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('npm run bench -- --quick', () => {
  it('runs the zoom-in case in both hosts and reports stages, speed, size, memory, baseline and jitter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stillmotion-bench-test-'));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench/run.ts'), '--quick', '--cases', 'zoom-1080p', '--json', '--keep', dir], {
      cwd: root,
      encoding: 'utf8',
      timeout: 400_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => l.startsWith('Machine: '))).toBe(true);
    const report = JSON.parse(lines.at(-1)!);

    expect(report.quick).toBe(true);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.chromium).toMatch(/^\d+\./);
    expect(report.runs.map((run: { host: string }) => run.host)).toEqual(['figma', 'secure']);
    for (const run of report.runs) {
      expect(run, run.error).toMatchObject({ caseId: 'zoom-1080p', ok: true, width: 640, height: 360, frames: 30 });
      expect(run.encoder).toBe(run.host === 'figma' ? 'ffmpeg' : 'webcodecs');
      for (const stage of ['decode', 'analyse', 'render', 'encode', 'total', 'endToEnd']) {
        expect(Number.isFinite(run.ms[stage]), stage).toBe(true);
        expect(run.ms[stage], stage).toBeGreaterThan(0);
      }
      expect(run.ms.endToEnd).toBeGreaterThanOrEqual(run.ms.total);
      expect(run.fps).toBeGreaterThan(0);
      expect(run.bytes).toBeGreaterThan(1000);
      expect(run.peakMemoryMb.pss).toBeGreaterThan(50);
      expect(run.encoderLimit.fps).toBeGreaterThan(0);
      expect(run.pipelineFraction).toBeGreaterThan(0);
      if (hasFfmpeg) {
        expect(run.zoompanRatio).toBeGreaterThan(0);
        // All nine markers stay in the picture through the zoom, and are followed to well under a pixel.
        expect(run.jitter.markers).toBe(9);
        expect(run.jitter.rms).toBeGreaterThanOrEqual(0);
        expect(run.jitter.rms).toBeLessThan(1);
      }
    }
    if (hasFfmpeg) {
      expect(report.baselines).toHaveLength(1);
      const [zoompan] = report.baselines;
      expect(zoompan, zoompan.error).toMatchObject({ caseId: 'zoom-1080p', ok: true });
      expect(zoompan.ms).toBeGreaterThan(0);
      expect(zoompan.jitter.markers).toBe(9);
      expect(Number.isFinite(zoompan.jitter.rms)).toBe(true);
    }
    for (const t of report.targets) expect(['PASS', 'MISS', 'n/a']).toContain(t.status);
    // About a minute on two idle cores; the margin is for a machine shared with other work.
  }, 420_000);
});
