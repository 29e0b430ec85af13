// The data the analysis stage works on and produces. Host-agnostic: plain
// typed arrays, so the same code runs in the worker and under Node.

/** 8-bit RGBA pixels, row-major, no row padding; opaque by the time analysis sees them. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** One float channel, row-major. Masks and depth hold 0..1 (depth: 1 = nearest). */
export interface Plane {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export interface Point {
  x: number;
  y: number;
}

/** A face in image pixels: top-left corner and size (pixel edges, not centres). */
export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Detector confidence, 0..1. */
  score: number;
  /** BlazeFace's six keypoints in image pixels: right eye, left eye, nose tip, mouth, right ear, left ear. */
  keypoints: Point[];
}

export type FocusSource = 'face' | 'subject' | 'saliency';

export interface FocusPoint extends Point {
  source: FocusSource;
}
