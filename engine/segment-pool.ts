// Renders and encodes a clip's segments side by side, one nested segment
// worker each, and joins them into one MP4. The workers are children of the
// engine worker: terminating it (Cancel) ends them too, and they are
// terminated here as soon as the job ends either way.
import * as Comlink from 'comlink';
import * as v from 'valibot';
import { joinSegments } from './encode/join';
import type { FrameRange } from './encode/segments';
import type { SegmentApi, SegmentJob } from './segment-worker';

export type SpawnSegmentWorker = () => Worker;

export interface SegmentedClip {
  bytes: Uint8Array;
  codec: string;
  /** Time spent drawing frames, summed over the workers. */
  renderMs: number;
}

const SegmentResultSchema = v.object({ bytes: v.instance(Uint8Array), codec: v.string(), renderMs: v.pipe(v.number(), v.minValue(0)) });

/** Rejects when the worker's script fails to run: Comlink alone would wait for an answer for ever. */
const failureOf = (worker: Worker): Promise<never> =>
  new Promise((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`A segment worker failed: ${e.message || 'it could not start'}`)), { once: true });
  });

export async function encodeSegments(
  spawn: SpawnSegmentWorker,
  job: Omit<SegmentJob, 'range'>,
  ranges: readonly FrameRange[],
  onProgress: (framesDone: number) => void,
): Promise<SegmentedClip> {
  const workers = ranges.map(() => spawn());
  const done = ranges.map(() => 0);
  try {
    const results = await Promise.all(
      ranges.map(async (range, i) => {
        const worker = workers[i]!;
        const api = Comlink.wrap<SegmentApi>(worker);
        const progress = (frames: number) => {
          done[i] = Math.min(frames, range.end - range.start);
          onProgress(done.reduce((a, b) => a + b, 0));
        };
        const answer = await Promise.race([api.encode({ ...job, range }, Comlink.proxy(progress)), failureOf(worker)]);
        // Its ffmpeg heap, frames and picture go now, not after the slowest segment and the join.
        worker.terminate();
        return v.parse(SegmentResultSchema, answer);
      }),
    );
    const bytes = await joinSegments(
      results.map((r, i) => ({ bytes: r.bytes, frames: ranges[i]!.end - ranges[i]!.start })),
      job.params.fps,
    );
    return { bytes, codec: results[0]!.codec, renderMs: results.reduce((sum, r) => sum + r.renderMs, 0) };
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
