// Where the camera move aims: people's eyes, else the subject, else the most
// salient part of the photo, else its centre.
import type { FaceBox, FocusPoint, Plane, Point } from './types';

/** A subject mask counts when its mass covers at least this fraction of its plane (a few specks do not). */
const MIN_SUBJECT_FRACTION = 0.005;
/** Faces at least this fraction of the best face's size and score are framed together (group shots). */
const GROUP_SIZE = 0.67;
const GROUP_SCORE = 0.5;
/** Eyes sit about this far down a BlazeFace box, for faces that come without keypoints. */
const EYE_LINE = 0.4;

/**
 * Photographers focus on the eyes, and framing on them leaves headroom above
 * the face: the midpoint of the eye keypoints, or the box's eye line.
 */
function eyePoint(f: FaceBox): Point {
  const [right, left] = f.keypoints;
  if (right && left) return { x: (right.x + left.x) / 2, y: (right.y + left.y) / 2 };
  return { x: f.x + f.w / 2, y: f.y + EYE_LINE * f.h };
}

/** Score-weighted eye point of the best face and the faces about as large and as sure as it. */
function facesPoint(faces: FaceBox[]): Point {
  const best = faces.reduce((a, b) => (b.score > a.score ? b : a));
  const size = Math.sqrt(best.w * best.h);
  const group = faces.filter((f) => f.score >= GROUP_SCORE * best.score && Math.sqrt(f.w * f.h) >= GROUP_SIZE * size && size >= GROUP_SIZE * Math.sqrt(f.w * f.h));
  let x = 0;
  let y = 0;
  let total = 0;
  for (const f of group) {
    const e = eyePoint(f);
    x += f.score * e.x;
    y += f.score * e.y;
    total += f.score;
  }
  return total > 0 ? { x: x / total, y: y / total } : eyePoint(best);
}

/** Centre of mass of plane^power in (width, height) pixels, with its mass as a fraction of the plane's area. */
function centreOfMass(p: Plane, power: number, width: number, height: number): (Point & { mass: number }) | null {
  let sx = 0;
  let sy = 0;
  let sum = 0;
  for (let j = 0; j < p.height; j++) {
    for (let i = 0; i < p.width; i++) {
      const v = Math.max(0, p.data[j * p.width + i]!) ** power;
      sx += v * (i + 0.5);
      sy += v * (j + 0.5);
      sum += v;
    }
  }
  if (sum <= 0) return null;
  return { x: (sx / sum) * (width / p.width), y: (sy / sum) * (height / p.height), mass: sum / (p.width * p.height) };
}

/**
 * The focus point in (width, height) pixels: faces (given in those pixels)
 * first, then the subject mask's centre of mass, then saliency's (squared, so
 * its peaks outweigh a diffuse floor), then the image centre. Planes may be
 * at any resolution: their coordinates are scaled to width × height.
 */
export function focusPoint(input: { faces: FaceBox[]; subject: Plane | null; saliency: Plane | null; width: number; height: number }): FocusPoint {
  const { faces, subject, saliency, width, height } = input;
  if (faces.length > 0) return { ...facesPoint(faces), source: 'face' };
  const s = subject && centreOfMass(subject, 1, width, height);
  if (s && s.mass >= MIN_SUBJECT_FRACTION) return { x: s.x, y: s.y, source: 'subject' };
  const m = saliency && centreOfMass(saliency, 2, width, height);
  if (m) return { x: m.x, y: m.y, source: 'saliency' };
  return { x: width / 2, y: height / 2, source: 'saliency' };
}
