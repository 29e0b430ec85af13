// Jitter of tracked points: how far each trajectory strays, frame to frame,
// from a smooth curve through it. The curve is a least-squares polynomial in
// time (Legendre basis on -1..1, well conditioned at any length); a camera
// move eased in and out is smooth to well under a hundredth of a pixel at
// the default degree, while whole-pixel crops leave steps it cannot follow.
import type { Point } from './markers';

export const DEFAULT_DEGREE = 7;

/** Legendre polynomials P0..Pdegree at t. */
function legendre(t: number, degree: number): number[] {
  const p = [1, t];
  for (let n = 1; n < degree; n++) p.push(((2 * n + 1) * t * p[n]! - n * p[n - 1]!) / (n + 1));
  return p.slice(0, degree + 1);
}

/** Solves the square system a·x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** The least-squares polynomial of this degree through equally spaced samples, evaluated at each sample. */
export function smoothFit(values: readonly number[], degree = DEFAULT_DEGREE): number[] {
  const n = values.length;
  const d = Math.min(degree, n - 1);
  const basis = values.map((_, i) => legendre(n === 1 ? 0 : (2 * i) / (n - 1) - 1, d));
  const ata = basis[0]!.map((_, r) => basis[0]!.map((__, c) => basis.reduce((s, row) => s + row[r]! * row[c]!, 0)));
  const atb = basis[0]!.map((_, r) => basis.reduce((s, row, i) => s + row[r]! * values[i]!, 0));
  const coef = solve(ata, atb);
  return basis.map((row) => row.reduce((s, p, k) => s + p * coef[k]!, 0));
}

/** Root-mean-square distance, in the points' units, of a trajectory from its smooth fit. */
export function trajectoryJitter(track: readonly Point[], degree = DEFAULT_DEGREE): number {
  const fx = smoothFit(track.map((p) => p.x), degree);
  const fy = smoothFit(track.map((p) => p.y), degree);
  const sum = track.reduce((s, p, i) => s + (p.x - fx[i]!) ** 2 + (p.y - fy[i]!) ** 2, 0);
  return Math.sqrt(sum / track.length);
}

export interface Jitter {
  /** Trajectories long enough to judge. */
  markers: number;
  /** Mean of their RMS residuals (output pixels); NaN when none. */
  rms: number;
  /** The worst one's. */
  max: number;
}

/** Jitter over every trajectory with enough frames to say more than the fit does. */
export function clipJitter(tracks: readonly (readonly Point[])[], degree = DEFAULT_DEGREE): Jitter {
  const usable = tracks.filter((t) => t.length >= Math.max(10, 2 * (degree + 1)));
  const values = usable.map((t) => trajectoryJitter(t, degree));
  return {
    markers: values.length,
    rms: values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}
