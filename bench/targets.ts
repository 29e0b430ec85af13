// The performance targets, judged against a run's figures: PASS,
// MISS, or n/a (with why) where a figure is missing.
export interface RunFigures {
  caseId: string;
  host: 'figma' | 'secure';
  /** End-to-end ms; null when the run failed. */
  endToEndMs: number | null;
  /** Native zoompan's ms for the same case; null when ffmpeg is missing or it failed. */
  zoompanMs: number | null;
  /** End-to-end fps over the bare encoder's fps, or null. */
  pipelineFraction: number | null;
  peakPssMb: number | null;
}

export interface TargetResult {
  target: string;
  status: 'PASS' | 'MISS' | 'n/a';
  /** The figure measured against the target, in words. */
  detail: string;
}

export const TARGETS = {
  secureVsZoompan: 1,
  figmaVsZoompan: 2,
  dollyVsZoom: 1.5,
  pipelineFraction: 0.8,
  peak4kMb: 1500,
} as const;

function judge(target: string, value: number | null, limit: number, below: boolean, describe: (v: number) => string, missing: string): TargetResult {
  if (value === null || !Number.isFinite(value)) return { target, status: 'n/a', detail: missing };
  const pass = below ? value <= limit : value >= limit;
  return { target, status: pass ? 'PASS' : 'MISS', detail: describe(value) };
}

export function judgeTargets(runs: readonly RunFigures[]): TargetResult[] {
  const find = (caseId: string, host: RunFigures['host']) => runs.find((r) => r.caseId === caseId && r.host === host);
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b != null ? a / b : null);
  const results: TargetResult[] = [];
  for (const [host, limit] of [['secure', TARGETS.secureVsZoompan], ['figma', TARGETS.figmaVsZoompan]] as const) {
    const zoom = find('zoom-1080p', host);
    results.push(
      judge(
        `1080p zoom-in, ${host} host: end to end ≤ ${limit}× native ffmpeg zoompan`,
        ratio(zoom?.endToEndMs, zoom?.zoompanMs),
        limit,
        true,
        (v) => `${v.toFixed(2)}× zoompan`,
        zoom ? 'no zoompan time or the run failed' : 'case not run',
      ),
    );
  }
  for (const host of ['figma', 'secure'] as const) {
    const dolly = find('dolly-1080p', host);
    const zoom = find('zoom-1080p', host);
    results.push(
      judge(
        `parallax-dolly, ${host} host: ≤ ${TARGETS.dollyVsZoom}× the zoom-in`,
        ratio(dolly?.endToEndMs, zoom?.endToEndMs),
        TARGETS.dollyVsZoom,
        true,
        (v) => `${v.toFixed(2)}× the zoom-in`,
        dolly && zoom ? 'a run failed' : 'case not run',
      ),
    );
  }
  for (const run of runs.filter((r) => r.pipelineFraction !== null)) {
    results.push(
      judge(
        `${run.caseId}, ${run.host} host: pipeline ≥ ${TARGETS.pipelineFraction * 100}% of the encoder's throughput`,
        run.pipelineFraction,
        TARGETS.pipelineFraction,
        false,
        (v) => `${(v * 100).toFixed(0)}%`,
        '',
      ),
    );
  }
  for (const host of ['figma', 'secure'] as const) {
    const k4 = find('zoom-4k', host);
    results.push(
      judge(
        `4K zoom-in, ${host} host: peak memory < ${TARGETS.peak4kMb} MB`,
        k4?.endToEndMs != null ? k4.peakPssMb : null,
        TARGETS.peak4kMb,
        true,
        (v) => `${v.toFixed(0)} MB (PSS of Chromium's processes)`,
        k4 ? 'the run failed' : 'case not run',
      ),
    );
  }
  return results;
}
