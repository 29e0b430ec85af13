// The camera moves templates are built from. A move maps progress p (0..1)
// to a pose and the depth scene it is seen in. 2D moves only reframe the
// picture; 3D moves shift the camera within the parallax budget and keep
// their views inside what every depth covers. Without depth a 3D move
// flattens to the 2D move that looks most like it.
import type { Point } from '../analysis/types';
import { disparity } from './camera';
import { framedView } from './framing';
import { fitStrength, parallaxBudget } from './parallax';
import type { CameraPose, DepthScene, TemplateContext, View } from './types';
import { coverSize, flatView, glide, imageRect, inset, scaleAbout } from './views';

export type Shot = { pose: CameraPose; depth: DepthScene };
export type Move = (p: number) => Shot;

/** The intensity at which the 2D moves match the first release's (the default intensity). */
const REFERENCE_INTENSITY = 0.6;

/** A zoom factor: 1 at intensity 0, `atReference` at the reference intensity, compounding beyond it. */
export function grow(atReference: number, intensity: number): number {
  return atReference ** (intensity / REFERENCE_INTENSITY);
}

/** A pan's travel at the reference intensity, as a share of the view: calm even on wide images. */
const PAN_TRAVEL = 0.35;
/** A pan's zoom at the reference intensity: room to travel. */
const PAN_ZOOM = 1.2;

/** The dolly's forward shift.z at the reference intensity. */
const DOLLY_Z = 0.15;
const DOLLY_STRENGTH = 0.6;
/**
 * The share of the background's magnification the dolly's view gives back by
 * widening: the background grows least, the subject gently, the
 * foreground most. Any share ≤ 1 keeps the view inside the background.
 */
const DOLLY_COMPENSATION = 0.5;

const VERTIGO_Z = 0.18;
const VERTIGO_STRENGTH = 0.8;
/** Without depth the vertigo's view gives back only this power of the magnification: a gentle push in. */
const VERTIGO_FLAT_COMPENSATION = 0.5;

const ORBIT_STRENGTH = 0.5;
/** The orbit's vertical radius as a share of its horizontal one: a flat ellipse, like a camera walking round. */
const ORBIT_ASPECT = 0.5;

const flat = (view: View, ctx: TemplateContext): Shot => ({
  pose: { view, shift: { x: 0, y: 0, z: 0 } },
  depth: { strength: 0, focusDepth: ctx.focusDepth },
});

/** A 3D shot, or its flat equivalent when the scene has no depth. */
function shot(pose: CameraPose, depth: DepthScene, ctx: TemplateContext): Shot {
  return depth.strength > 0 ? { pose, depth } : flat(flatView(pose, ctx.image), ctx);
}

/** A 2D move from one view to the other (see glide). */
export function glideMove(ctx: TemplateContext, from: View, to: View): Move {
  return (p) => flat(glide(from, to, p), ctx);
}

/** Zooms geometrically from the framed picture to `zoom` times closer, towards `aim` (the focus by default). */
export function pushMove(ctx: TemplateContext, zoom: number, aim: (viewHeight: number) => Point = () => ctx.focus): Move {
  const wide = framedView(ctx, { aim: aim(coverSize(ctx.image, ctx.out).h) });
  const close = framedView(ctx, { zoom, aim: aim(wide.h / zoom) });
  return glideMove(ctx, wide, close);
}

/** The reverse of pushMove: from close on the focus out to the framed picture. */
export function pullMove(ctx: TemplateContext, zoom: number): Move {
  return glideMove(ctx, framedView(ctx, { zoom }), framedView(ctx));
}

/**
 * Glides along one axis (direction +1: right or down) at a slight zoom,
 * centred on the framed view as far as the room to travel allows.
 */
export function panMove(ctx: TemplateContext, axis: 'x' | 'y', direction: 1 | -1): Move {
  const mid = framedView(ctx, { zoom: grow(PAN_ZOOM, ctx.intensity) });
  const size = axis === 'x' ? mid.w : mid.h;
  const extent = axis === 'x' ? ctx.image.width : ctx.image.height;
  const travel = Math.min(extent - size, size * PAN_TRAVEL * (ctx.intensity / REFERENCE_INTENSITY));
  const key = axis === 'x' ? 'cx' : 'cy';
  const centre = Math.min(Math.max(mid[key], size / 2 + travel / 2), extent - size / 2 - travel / 2);
  const from = { ...mid, [key]: centre - (direction * travel) / 2 };
  const to = { ...mid, [key]: centre + (direction * travel) / 2 };
  return glideMove(ctx, from, to);
}

/** The shift that moves the camera forward by z along the ray through `axis`: points on that ray stay put at every depth. */
function forward(ctx: TemplateContext, axis: Point, z: number): CameraPose['shift'] {
  return { x: z * (axis.x - ctx.image.width / 2), y: z * (axis.y - ctx.image.height / 2), z };
}

/**
 * A forward move of the camera towards the focus over a scene whose strength
 * is the largest (up to `most`) that keeps the layers within the parallax
 * budget at the end of the move. A layer at disparity q then appears scaled
 * by m(q) = 1 / (1 - z·q) about the focus: the far layer least, and the
 * picture covers the image scaled by m(far) about the focus at every depth.
 */
function forwardScene(ctx: TemplateContext, zEnd: number, most: number) {
  const axis = ctx.focus;
  const wide = framedView(ctx);
  const strength = ctx.hasDepth
    ? fitStrength(most, parallaxBudget(ctx.image, ctx.intensity), [{ view: wide, shift: forward(ctx, axis, zEnd) }], ctx.focusDepth, ctx.image)
    : 0;
  const depth = { strength, focusDepth: ctx.focusDepth };
  const farMagnification = (z: number) => 1 / (1 - z * disparity(0, depth));
  return { axis, wide, depth, farMagnification };
}

/**
 * The camera moves forward into the scene while the view widens by a share of
 * the background's magnification (so it stays inside the background): the
 * subject grows gently, the foreground passes faster than the background.
 */
export function dollyMove(ctx: TemplateContext): Move {
  const zEnd = DOLLY_Z * (ctx.intensity / REFERENCE_INTENSITY);
  const { axis, wide, depth, farMagnification } = forwardScene(ctx, zEnd, DOLLY_STRENGTH);
  return (p) => {
    const z = zEnd * p;
    const view = scaleAbout(wide, axis, farMagnification(z) ** DOLLY_COMPENSATION);
    return shot({ view, shift: forward(ctx, axis, z) }, depth, ctx);
  };
}

/**
 * The vertigo shot: the camera moves forward while the view widens exactly as
 * the focal plane grows, so the subject keeps its size and the background
 * recedes. The view widens faster than the background grows, so it starts
 * zoomed in by what the end of the move needs.
 */
export function dollyZoomMove(ctx: TemplateContext): Move {
  const zEnd = VERTIGO_Z * (ctx.intensity / REFERENCE_INTENSITY);
  const { axis, wide, depth, farMagnification } = forwardScene(ctx, zEnd, VERTIGO_STRENGTH);
  // (1 / (1 - z)) / m(far) grows with z: its value at the end is the zoom that keeps every frame covered.
  const startZoom = 1 / (1 - zEnd) / farMagnification(zEnd);
  const compensation = depth.strength > 0 ? 1 : VERTIGO_FLAT_COMPENSATION;
  return (p) => {
    const z = zEnd * p;
    const view = scaleAbout(wide, axis, (1 - z) ** -compensation / startZoom);
    return shot({ view, shift: forward(ctx, axis, z) }, depth, ctx);
  };
}

/**
 * The camera circles its viewpoint on a small ellipse while the view follows
 * the focal plane, so the subject stays put and nearer and farther layers
 * swing around it: a layer at disparity q slides by shift·(1 - q), so the
 * radius is what brings the extreme depths to the parallax budget, and the
 * view is inset by that budget. Without depth the picture itself drifts
 * round the ellipse, the budget being its radius.
 */
export function orbitMove(ctx: TemplateContext): Move {
  const budget = parallaxBudget(ctx.image, ctx.intensity);
  const depth = { strength: ctx.hasDepth ? ORBIT_STRENGTH : 0, focusDepth: ctx.focusDepth };
  const spread = depth.strength * Math.max(ctx.focusDepth, 1 - ctx.focusDepth);
  const radius = spread > 0 ? budget / spread : budget;
  const wide = framedView(ctx, { bounds: inset(imageRect(ctx.image), budget, budget * ORBIT_ASPECT) });
  return (p) => {
    const angle = 2 * Math.PI * p;
    const shift = { x: radius * Math.sin(angle), y: -radius * ORBIT_ASPECT * Math.cos(angle), z: 0 };
    const view = depth.strength > 0 ? { ...wide, cx: wide.cx - shift.x, cy: wide.cy - shift.y } : wide;
    return shot({ view, shift }, depth, ctx);
  };
}
