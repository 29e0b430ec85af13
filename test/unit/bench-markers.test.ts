import { describe, expect, it } from 'vitest';
import { findMarkers, refineCentroid, trackMarkers, type GrayFrame, type Point } from '../../bench/markers';

const SIGMA = 3;
const DISC = 5 * SIGMA;

/** A frame of textured mid tones (30..220, as the test photo) with markers drawn at exact sub-pixel centres. */
function frame(width: number, height: number, markers: Point[]): GrayFrame {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = 125 + Math.round(95 * Math.sin(x * 0.7) * Math.cos(y * 0.45));
  for (const m of markers) {
    for (let y = Math.floor(m.y - DISC); y <= Math.ceil(m.y + DISC); y++) {
      for (let x = Math.floor(m.x - DISC); x <= Math.ceil(m.x + DISC); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const d2 = (x + 0.5 - m.x) ** 2 + (y + 0.5 - m.y) ** 2;
        if (d2 <= DISC * DISC) data[y * width + x] = Math.round(255 * Math.exp(-d2 / (2 * SIGMA * SIGMA)));
      }
    }
  }
  return { width, height, data };
}

describe('findMarkers', () => {
  it('finds each dot on its dark disc, near its exact centre, and nothing in the texture', () => {
    const truth = [
      { x: 40.3, y: 50.7 },
      { x: 120.8, y: 45.25 },
      { x: 80.5, y: 110.1 },
    ];
    const found = findMarkers(frame(160, 140, truth));
    expect(found).toHaveLength(3);
    for (const t of truth) {
      const m = found.find((f) => Math.hypot(f.x - t.x, f.y - t.y) < 0.5);
      expect(m, `marker at ${t.x},${t.y}`).toBeDefined();
      // The half-bright radius of a Gaussian dot: sigma·√(2 ln 2).
      expect(m!.radius).toBeCloseTo(SIGMA * Math.sqrt(2 * Math.log(2)), 0);
    }
  });

  it('ignores a bright patch that has no dark ring round it', () => {
    const f = frame(100, 100, []);
    for (let y = 40; y < 48; y++) for (let x = 40; x < 48; x++) f.data[y * 100 + x] = 250;
    expect(findMarkers(f)).toEqual([]);
  });

  it('ignores a marker cut by the frame edge', () => {
    expect(findMarkers(frame(100, 100, [{ x: 4, y: 50 }]))).toEqual([]);
  });
});

describe('refineCentroid', () => {
  it('finds the centre to a hundredth of a pixel from a guess a pixel off', () => {
    const truth = { x: 50.37, y: 61.81 };
    const c = refineCentroid(frame(120, 120, [truth]), { x: 51.2, y: 60.9 }, 10);
    expect(Math.abs(c!.x - truth.x)).toBeLessThan(0.01);
    expect(Math.abs(c!.y - truth.y)).toBeLessThan(0.01);
  });

  it('gives null where there is no dot', () => {
    expect(refineCentroid(frame(120, 120, []), { x: 60, y: 60 }, 10)).toBeNull();
  });
});

describe('trackMarkers', () => {
  it('follows a moving dot frame by frame and cuts the track where it leaves the picture', () => {
    const path = Array.from({ length: 40 }, (_, i) => ({ x: 30 + 2.37 * i, y: 60 + 0.3 * i }));
    const frames = path.map((p) => frame(120, 120, [p]));
    const [track] = trackMarkers(frames);
    // Lost once the search window reaches the right edge.
    expect(track!.length).toBeGreaterThan(25);
    expect(track!.length).toBeLessThan(40);
    track!.forEach((p, i) => {
      expect(Math.abs(p.x - path[i]!.x)).toBeLessThan(0.02);
      expect(Math.abs(p.y - path[i]!.y)).toBeLessThan(0.02);
    });
  });
});
