// The baseline: the usual command-line Ken Burns with native ffmpeg — a
// still looped into zoompan, then libx264 veryfast CRF 20 (or, for a GIF,
// ffmpeg's own palettegen/paletteuse). zoompan crops at whole pixels, which
// is the jitter the benchmark measures against.
import { spawnSync } from 'node:child_process';

export interface ZoompanJob {
  image: string;
  out: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** The zoom reached on the last frame (1 = none), reached linearly from 1. */
  zoom: number;
  format: 'mp4' | 'gif';
}

export function zoompanArgs(job: ZoompanJob): string[] {
  const { width: w, height: h, fps, frames, zoom } = job;
  const step = frames > 1 ? (zoom - 1) / (frames - 1) : 0;
  // Cropped to the output's aspect first, so zoompan does not stretch the photo.
  const filter = [
    `crop='min(iw,ih*${w}/${h})':'min(ih,iw*${h}/${w})'`,
    `zoompan=z='1+${step.toFixed(8)}*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${w}x${h}:fps=${fps}`,
  ].join(',');
  const encode =
    job.format === 'gif'
      ? // palettegen writes its palette at the end of its input: the looped still must end.
        ['-filter_complex', `[0:v]${filter},trim=end_frame=${frames},split[a][b];[a]palettegen[p];[b][p]paletteuse`, '-f', 'gif']
      : ['-vf', filter, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'];
  return ['-v', 'error', '-y', '-loop', '1', '-i', job.image, ...encode, '-frames:v', String(frames), job.out];
}

/** Far beyond any case's need: a stuck filter graph fails its case instead of the run. */
const TIMEOUT_MS = 15 * 60_000;

export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Runs the baseline; returns its wall time in ms. */
export function runZoompan(job: ZoompanJob): number {
  const started = performance.now();
  const r = spawnSync('ffmpeg', zoompanArgs(job), { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.error) throw new Error(`ffmpeg zoompan: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`ffmpeg zoompan failed: ${r.stderr.trim().split('\n').pop()}`);
  return performance.now() - started;
}
