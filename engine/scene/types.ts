// The picture as the layered renderer draws it, prepared once per image from
// the analysis (engine/scene/background.ts). Lives in the worker only, with
// the image, and is dropped with it.
import type { Plane, RgbaImage } from '../analysis/types';

export interface SceneLayers {
  /** The size of every plane here and of the background colour: the analysis's held size (≤ 1024 px), the image's aspect. */
  width: number;
  height: number;
  /** 0..1, 1 = nearest: the analysis depth. */
  depth: Plane;
  /** The subject, 0..1. */
  mask: Plane;
  /** What lies behind the foreground: shown where the camera looks past a subject's edge. */
  background: {
    /** The picture with the band behind depth edges inpainted (opaque, sRGB). */
    colour: RgbaImage;
    /** Depth with the near side of every edge replaced by the far side's, smooth: it never tears. */
    depth: Plane;
  };
  /** 1 where the background colour is inpainted (the near side of depth edges, MAX_PARALLAX wide), else 0. */
  hole: Plane;
}
