// The motion contract: what a template says about each frame (a camera pose,
// effects, how deep the scene is) and what the renderer draws from it. Pure
// data, host-agnostic; templates (engine/motion/templates.ts) produce it, the
// GPU renderer and the CPU reference renderer consume it.
import type { Point } from '../analysis/types';
import type { TemplateId } from '../params';

export interface Size {
  width: number;
  height: number;
}

/** A rectangle in source pixels: top-left corner and size (pixel edges). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The visible rectangle of the picture plane, by centre and size, in source pixels (pixel centres at k + 0.5). */
export interface View {
  cx: number;
  cy: number;
  w: number;
  h: number;
}

/**
 * Where the camera is, relative to the photo's own viewpoint. The picture is a
 * scene whose focal plane (disparity 1) is the photo itself; `shift` moves the
 * camera in it, and `view` then crops the camera's picture plane exactly as a
 * 2D move crops the photo. With shift = 0 every layer moves alike: a plain 2D
 * zoom or pan, sampled exactly as before.
 */
export interface CameraPose {
  view: View;
  /**
   * x, y: sideways and up/down, in source pixels as measured on the focal plane
   * (a point on it moves by -x, -y); z: forwards, as a fraction of the distance
   * to the focal plane (0.1 brings the focal plane 10% nearer). |z| < 0.5.
   */
  shift: { x: number; y: number; z: number };
}

/**
 * How depth (0..1, 1 = nearest) becomes disparity q = 1 / distance, with the
 * focal plane at q = 1: q = 1 + strength * (depth - focusDepth). strength
 * in [0, 0.8]; 0 makes the picture flat.
 */
export interface DepthScene {
  strength: number;
  focusDepth: number;
}

export interface Grade {
  /** In stops; 0 = unchanged. */
  exposure: number;
  /** 1 = unchanged; pivots around mid-grey in linear light. */
  contrast: number;
  /** 1 = unchanged, 0 = grey. */
  saturation: number;
  /** -1..1: cooler to warmer; 0 = unchanged. */
  warmth: number;
}

export interface LightSweep {
  /** Where the band's centre is, 0..1 along the sweep direction across the frame (it may start or end outside it). */
  position: number;
  /** Direction the band travels, radians (0 = left to right). */
  angle: number;
  /** Band width as a fraction of the frame's diagonal. */
  width: number;
  /** 0..1: added light at the band's centre. */
  strength: number;
}

export interface Particles {
  kind: 'dust' | 'bokeh';
  /** 0..1. */
  amount: number;
  /** Fixes where particles are: the same seed gives the same field in preview and export. */
  seed: number;
  /** Depth (0..1) the particles float at: the subject in front of them hides them. */
  depth: number;
}

export interface Effects {
  /** Depth of field: blur radius (output pixels) at one unit of |depth - focusDepth|; 0 = all sharp. */
  dof: { focusDepth: number; blur: number };
  /** 0..1: darkening towards the corners. */
  vignette: number;
  /** 0..1: film grain strength; the grain changes every frame. */
  grain: number;
  /** 0..1: glow around highlights. */
  bloom: number;
  sweep: LightSweep | null;
  grade: Grade;
  particles: Particles | null;
}

export const NEUTRAL_GRADE: Grade = { exposure: 0, contrast: 1, saturation: 1, warmth: 0 };

export const NO_EFFECTS: Effects = {
  dof: { focusDepth: 0.5, blur: 0 },
  vignette: 0,
  grain: 0,
  bloom: 0,
  sweep: null,
  grade: NEUTRAL_GRADE,
  particles: null,
};

/** One frame, fully described: the renderer needs nothing else but the scene. */
export interface FrameSpec {
  pose: CameraPose;
  depth: DepthScene;
  effects: Effects;
  /** Seconds from the clip's start: grain and particles move with it. */
  time: number;
}

/** What a template needs from the analysis to do its best; without it, it degrades (see each template). */
export type AnalysisNeed = 'subject' | 'faces' | 'depth';

/** What a template knows when it plans: sizes, the user's intensity, and where the picture's interest is. */
export interface TemplateContext {
  /** The source image (the decoded bitmap), in pixels. */
  image: Size;
  out: Size;
  /** 0..1, the user's intensity; templates scale their move and effects with it. */
  intensity: number;
  /** Where the camera aims, in source pixels: the user's focus point, else the analysis's, else the centre. */
  focus: Point;
  /** What must stay in frame (faces, else the subject), in source pixels; null when nothing is known. */
  keep: Rect | null;
  /** The largest face, in source pixels, or null. */
  face: Rect | null;
  /** Depth (0..1) at the focus point; 0.5 without depth. */
  focusDepth: number;
  /** Whether a depth map is there: without one, 3D moves flatten (strength 0). */
  hasDepth: boolean;
}

export interface TemplateDef {
  id: TemplateId;
  name: string;
  /** One short sentence for the picker. */
  description: string;
  needs: readonly AnalysisNeed[];
  /** Intensity 0..1 the picker starts at. */
  defaultIntensity: number;
  /**
   * The frame at progress p in [0, 1] (already eased and looped by the plan),
   * without `time`, which the plan adds. Must be continuous in p.
   */
  frame(p: number, ctx: TemplateContext): Omit<FrameSpec, 'time'>;
}

/**
 * The most any point may move relative to the focal plane over a clip, as a
 * fraction of the image's longest side, at intensity 1. Templates keep their
 * 3D moves within it; the background layer is inpainted over a band this wide,
 * so what the camera reveals behind a subject is always filled.
 */
export const MAX_PARALLAX = 0.04;

/** What the analysis tells the planner, in source pixels; all null without an analysis. */
export interface PictureInfo {
  /** The analysis's focus point. */
  focus: Point | null;
  /** Faces (united), else the subject's bounding box. */
  keep: Rect | null;
  /** The largest face. */
  face: Rect | null;
  /** Depth (0..1, 1 = nearest) at a source point; null without depth. */
  depthAt: ((x: number, y: number) => number) | null;
}

/** A clip's frames, planned once: pure, so the preview and the export draw the same frames. */
export interface ClipPlan {
  template: TemplateDef;
  frames: number;
  fps: number;
  image: Size;
  out: Size;
  frameAt(i: number): FrameSpec;
  /** The least source pixels per output pixel over the clip: the renderer may reduce the image once to it. */
  minSourcePerOutput(): number;
}
