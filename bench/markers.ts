// Finds the test photo's tracking markers (a bright dot on a dark disc) in
// decoded 8-bit gray frames and follows each one through a clip, to sub-pixel
// precision: the intensity-weighted centroid of the dot above the disc's black.
export interface GrayFrame {
  width: number;
  height: number;
  /** One byte per pixel, top row first. */
  data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

export interface Marker extends Point {
  /** Radius of the dot's half-bright area, in pixels (1.18 sigma for a Gaussian dot). */
  radius: number;
}

/** A dot's peak is at least this bright; the photo itself never goes above 220. */
const BRIGHT = 235;
/** A dot's extent is where it is at least half bright. */
const HALF = 128;
/** The disc around a dot is darker than this; the photo never goes below 30. */
const DARK = 60;
/** Weights count brightness above this: the disc's black (with coding noise) weighs nothing. */
const FLOOR = 40;

/**
 * Blobs that peak above anything in the photo, with a dark ring round them:
 * each one's centre and half-bright radius. Blobs are cut at half brightness,
 * which the dark disc round a dot isolates from the rest of the picture.
 */
export function findMarkers(frame: GrayFrame): Marker[] {
  const { width, height, data } = frame;
  const seen = new Uint8Array(width * height);
  const found: Marker[] = [];
  const stack: number[] = [];
  const visit = (q: number) => {
    if (!seen[q] && data[q]! >= HALF) {
      seen[q] = 1;
      stack.push(q);
    }
  };
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! < HALF) continue;
    let peak = 0;
    let area = 0;
    let sx = 0;
    let sy = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      area++;
      sx += x + 0.5;
      sy += y + 0.5;
      peak = Math.max(peak, data[p]!);
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
    }
    if (peak < BRIGHT) continue;
    const centre = { x: sx / area, y: sy / area };
    const radius = Math.max(1, Math.sqrt(area / Math.PI));
    // A Gaussian dot is under 2% of its peak at 2.5 half-bright radii; the disc reaches past 4.
    if (darkRing(frame, centre, 2.5 * radius)) found.push({ ...centre, radius });
  }
  return found;
}

/** Whether 16 points on the circle are all inside the frame and dark. */
function darkRing(frame: GrayFrame, c: Point, r: number): boolean {
  for (let k = 0; k < 16; k++) {
    const x = Math.floor(c.x + r * Math.cos((k * Math.PI) / 8));
    const y = Math.floor(c.y + r * Math.sin((k * Math.PI) / 8));
    if (x < 0 || y < 0 || x >= frame.width || y >= frame.height) return false;
    if (frame.data[y * frame.width + x]! >= DARK) return false;
  }
  return true;
}

/**
 * The intensity-weighted centroid of the dot within `window` pixels of
 * `near`, re-centred until it settles; null when the window leaves the frame
 * or is not on a marker.
 */
export function refineCentroid(frame: GrayFrame, near: Point, window: number): Point | null {
  let c = near;
  for (let iteration = 0; iteration < 4; iteration++) {
    const x0 = Math.floor(c.x - window);
    const y0 = Math.floor(c.y - window);
    const x1 = Math.ceil(c.x + window);
    const y1 = Math.ceil(c.y + window);
    if (x0 < 0 || y0 < 0 || x1 > frame.width || y1 > frame.height) return null;
    let sum = 0;
    let sx = 0;
    let sy = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if ((x + 0.5 - c.x) ** 2 + (y + 0.5 - c.y) ** 2 > window * window) continue;
        const w = frame.data[y * frame.width + x]! - FLOOR;
        if (w <= 0) continue;
        sum += w;
        sx += w * (x + 0.5);
        sy += w * (y + 0.5);
      }
    }
    if (sum < 4 * (BRIGHT - FLOOR)) return null;
    const next = { x: sx / sum, y: sy / sum };
    const moved = Math.hypot(next.x - c.x, next.y - c.y);
    c = next;
    if (moved < 1e-3) break;
  }
  // On a marker the window ends on its dark disc; anywhere else the photo shows round it.
  return darkRing(frame, c, window) ? c : null;
}

/**
 * Follows each marker of the first frame pushed, frame by frame (searching
 * round where it was), so a clip can be decoded and tracked as a stream:
 * one trajectory per marker, cut short where it is lost.
 */
export class MarkerTracker {
  /** Per marker: its search window, where it was last seen, its trajectory, and whether it was lost. */
  private tracks: { window: number; at: Point; points: Point[]; lost: boolean }[] | null = null;

  push(frame: GrayFrame): void {
    // Windows wide enough for the dot as a zoom grows it, narrow enough to stay on the disc.
    this.tracks ??= findMarkers(frame).map((m) => ({ window: 3 * m.radius, at: { x: m.x, y: m.y }, points: [], lost: false }));
    for (const track of this.tracks) {
      if (track.lost) continue;
      const next = refineCentroid(frame, track.at, track.window);
      if (!next) {
        track.lost = true;
        continue;
      }
      track.points.push(next);
      track.at = next;
    }
  }

  trajectories(): Point[][] {
    return (this.tracks ?? []).map((t) => t.points);
  }
}

export function trackMarkers(frames: readonly GrayFrame[]): Point[][] {
  const tracker = new MarkerTracker();
  for (const frame of frames) tracker.push(frame);
  return tracker.trajectories();
}
