// How a clip is split for parallel encoding: how many workers the host can
// afford, and which frames each one renders and encodes. Pure: no workers here.
import { LIMITS } from '../params';

export interface FrameRange {
  /** First frame (inclusive). */
  start: number;
  /** One past the last frame. */
  end: number;
}

export interface HostResources {
  /** navigator.hardwareConcurrency. */
  cores: number;
  /** navigator.deviceMemory in GiB where the host reports it (Chromium rounds it down and caps it at 8), else null. */
  memoryGiB: number | null;
}

export interface WorkerLoad {
  width: number;
  height: number;
  /** The decoded image each worker holds a copy of. */
  image: { width: number; height: number };
}

const MiB = 1 << 20;
const GiB = 1 << 30;
/** A worker's fixed cost: the ffmpeg.wasm instance (code, heap floor), the renderer's programs, the scene layers (≤ 1024 px planes). */
const WORKER_BASE_BYTES = 160 * MiB;
/**
 * Bytes per output pixel in a worker: the RGBA frame read back, the renderer's
 * float render targets, and x264's frames (yuv420p input, lookahead, references).
 * A deliberate over-estimate: running out of memory is worse than one worker fewer.
 */
const BYTES_PER_OUTPUT_PIXEL = 48;
/** Per image pixel: the bitmap copy and its texture. */
const BYTES_PER_IMAGE_PIXEL = 8;
/** The share of the device's memory the segment workers may take together: the host (Figma) and the UI need the rest. */
const MEMORY_SHARE = 0.5;

/** An estimate of one segment worker's peak memory: it follows the frame and image size, never the clip length. */
export function workerBytes(load: WorkerLoad): number {
  return WORKER_BASE_BYTES + BYTES_PER_OUTPUT_PIXEL * load.width * load.height + BYTES_PER_IMAGE_PIXEL * load.image.width * load.image.height;
}

/**
 * Workers for a clip: the requested number, or (null) one per core, as many as
 * half the device memory holds; always 1..LIMITS.maxWorkers. The primary
 * worker only waits while the segment workers run, so it needs no core of its own.
 */
export function workerCount(requested: number | null, host: HostResources, load: WorkerLoad): number {
  if (requested !== null) return clampWorkers(requested);
  const byCores = Number.isFinite(host.cores) && host.cores > 0 ? Math.floor(host.cores) : 1;
  const byMemory = host.memoryGiB === null ? Infinity : Math.floor((host.memoryGiB * GiB * MEMORY_SHARE) / workerBytes(load));
  return clampWorkers(Math.min(byCores, byMemory));
}

const clampWorkers = (n: number) => Math.min(LIMITS.maxWorkers, Math.max(1, n));

/**
 * Splits frames [0, frames) into at most `workers` contiguous ranges that start
 * on multiples of the keyframe interval, so every segment opens on the
 * keyframe the single-worker clip has there. Whole GOPs are shared as evenly
 * as possible; the last GOP may be short, so the last range gets the fewest.
 * A clip of one GOP or less is one range.
 */
export function splitFrames(frames: number, workers: number, gop: number): FrameRange[] {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`frames must be a positive integer, got ${frames}`);
  if (!Number.isInteger(gop) || gop < 1) throw new RangeError(`the keyframe interval must be a positive integer, got ${gop}`);
  const gops = Math.ceil(frames / gop);
  const n = Math.max(1, Math.min(Math.floor(workers), gops));
  const ranges: FrameRange[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const share = Math.floor(gops / n) + (i < gops % n ? 1 : 0);
    const end = Math.min(frames, start + share * gop);
    ranges.push({ start, end });
    start = end;
  }
  return ranges;
}
