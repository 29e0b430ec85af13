// The benchmark's cases, as RenderParams the product takes as they are, and
// their --quick variants (tiny sizes and durations, for a smoke test).
import { DEFAULT_PARAMS, LIMITS, type RenderParams } from '../engine/params';

export interface BenchCase {
  id: string;
  label: string;
  params: RenderParams;
  /** Whether the clip is a zoom whose markers' jitter is measured. */
  measureJitter: boolean;
}

/** The photo the benchmark makes: 12 megapixels, or a small one for --quick. */
export const PHOTO_SIZE = { width: 4000, height: 3000 };
export const QUICK_PHOTO_SIZE = { width: 1600, height: 1200 };

/** The zoom-in template's zoom at the default intensity (engine/motion/templates.ts), which the zoompan baseline matches. */
export const ZOOM_IN_ZOOM = 1.25;

// The camera aims at the centre, as the zoompan baseline does, so both zoom about the same point.
const base: RenderParams = { ...DEFAULT_PARAMS, fps: 30, focus: { x: 0.5, y: 0.5 } };

const FULL: BenchCase[] = [
  { id: 'zoom-1080p', label: '5 s 1080p30 zoom-in', params: { ...base, template: 'zoom-in', duration: 5, width: 1920, height: 1080 }, measureJitter: true },
  { id: 'dolly-1080p', label: '5 s 1080p30 parallax-dolly', params: { ...base, template: 'parallax-dolly', duration: 5, width: 1920, height: 1080 }, measureJitter: false },
  { id: 'zoom-4k', label: '10 s 4K30 zoom-in', params: { ...base, template: 'zoom-in', duration: 10, width: 3840, height: 2160 }, measureJitter: true },
  { id: 'gif-1080p', label: '3 s 1080p30 GIF zoom-in', params: { ...base, template: 'zoom-in', duration: 3, width: 1920, height: 1080, format: 'gif' }, measureJitter: false },
];

const QUICK_SIZE = { width: 640, height: 360 };

export const CASE_IDS = FULL.map((c) => c.id);

/**
 * The cases asked for (all when ids is empty), shrunk for --quick, or at full size but
 * `seconds` long (--seconds: a 4K peak-memory figure without half an hour of software GL).
 */
export function selectCases(ids: readonly string[], quick: boolean, seconds?: number): BenchCase[] {
  const unknown = ids.filter((id) => !CASE_IDS.includes(id));
  if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(', ')} (choose from ${CASE_IDS.join(', ')})`);
  const chosen = ids.length ? FULL.filter((c) => ids.includes(c.id)) : FULL;
  if (quick) return chosen.map((c) => ({ ...c, label: `${c.label} (quick: 1 s ${QUICK_SIZE.width}×${QUICK_SIZE.height})`, params: { ...c.params, ...QUICK_SIZE, duration: 1 } }));
  if (seconds === undefined) return chosen;
  if (!(seconds >= LIMITS.minDuration && seconds <= LIMITS.maxDuration)) throw new Error(`--seconds must be ${LIMITS.minDuration}..${LIMITS.maxDuration}`);
  return chosen.map((c) => ({ ...c, label: `${c.label} (shortened to ${seconds} s)`, params: { ...c.params, duration: seconds } }));
}

/**
 * The scaling series' case: the 1080p zoom-in, one 2 s keyframe interval per worker of the
 * series' largest count, so every count gets a segment each (--quick: the quick size, 1 s).
 */
export function scalingParams(quick: boolean, workers: number, mostWorkers: number): RenderParams {
  const zoom = FULL[0]!.params;
  return quick ? { ...zoom, ...QUICK_SIZE, duration: 1, workers } : { ...zoom, duration: Math.min(LIMITS.maxDuration, 2 * mostWorkers), workers };
}
