// The templates, as data: what the picker shows, and for each a frame at
// progress p built from a camera move (engine/motion/moves.ts) and effects.
// Intensity scales both; at 0 every template is (nearly) still.
import type { TemplateId } from '../params';
import { grow, dollyMove, dollyZoomMove, glideMove, orbitMove, panMove, pullMove, pushMove, type Move } from './moves';
import { framedView } from './framing';
import { NO_EFFECTS, type Effects, type FrameSpec, type TemplateContext, type TemplateDef } from './types';

/** The zoom of zoom-in and zoom-out at the reference intensity. */
const ZOOM = 1.25;
/** The slow zooms under the looks. */
const SLOW_ZOOM = 1.1;
const PORTRAIT_ZOOM = 1.2;
const RACK_ZOOM = 1.08;
/** Where the eyes sit down a face box (as in the analysis's focus point). */
const EYE_LINE = 0.4;
/** Depth-of-field blur at intensity 1, per unit of depth from the focus, as a share of the output's longest side. */
const DOF_BLUR = 0.03;
/** Film's drift between the start and end views, as a share of the picture framed, at intensity 1. */
const FILM_DRIFT = 0.04;
/** Particles float at this share of the subject's depth: in front of the background, behind the subject. */
const PARTICLE_DEPTH = 0.75;
/** A fixed particle field, so preview and export show the same one. */
const PARTICLE_SEED = 1;

/**
 * Templates are asked for every frame with the same context: what depends on
 * the context only (views, fitted depth strength) is worked out once per context.
 */
function perContext<T>(setup: (ctx: TemplateContext) => T): (ctx: TemplateContext) => T {
  const cache = new WeakMap<TemplateContext, T>();
  return (ctx) => {
    let value = cache.get(ctx);
    if (value === undefined) {
      value = setup(ctx);
      cache.set(ctx, value);
    }
    return value;
  };
}

/** A template whose frame is a move plus effects that may follow p. */
function moving(
  setup: (ctx: TemplateContext) => Move,
  effects: (p: number, ctx: TemplateContext) => Effects = () => NO_EFFECTS,
): TemplateDef['frame'] {
  const moveFor = perContext(setup);
  return (p, ctx): Omit<FrameSpec, 'time'> => ({ ...moveFor(ctx)(p), effects: effects(p, ctx) });
}

/** Depth-of-field blur radius per unit of depth, in output pixels; none without depth, where it would blur evenly. */
function dofBlur(ctx: TemplateContext): number {
  return ctx.hasDepth ? DOF_BLUR * Math.max(ctx.out.width, ctx.out.height) * ctx.intensity : 0;
}

/**
 * Portraits push in on the face with the eyes on the upper third line, and
 * keep the face (not the whole body) in frame; without a face they centre on
 * the subject.
 */
function portraitPush(ctx: TemplateContext): Move {
  const zoom = grow(PORTRAIT_ZOOM, ctx.intensity);
  const { face, keep } = ctx;
  if (face) return pushMove({ ...ctx, keep: face }, zoom, (viewHeight) => ({ x: face.x + face.w / 2, y: face.y + EYE_LINE * face.h + viewHeight / 6 }));
  return pushMove(ctx, zoom, () => (keep ? { x: keep.x + keep.w / 2, y: keep.y + keep.h / 2 } : ctx.focus));
}

/** Film drifts diagonally through the focus while pushing in slightly. */
function filmDrift(ctx: TemplateContext): Move {
  const zoom = grow(SLOW_ZOOM, ctx.intensity);
  const wide = framedView(ctx);
  const dx = (FILM_DRIFT / 2) * wide.w * ctx.intensity;
  const dy = (FILM_DRIFT / 4) * wide.h * ctx.intensity;
  const { x, y } = ctx.focus;
  const from = framedView(ctx, { zoom: Math.sqrt(zoom), aim: { x: x - dx, y: y - dy } });
  const to = framedView(ctx, { zoom, aim: { x: x + dx, y: y + dy } });
  return glideMove(ctx, from, to);
}

export const TEMPLATES: readonly TemplateDef[] = [
  {
    id: 'zoom-in',
    name: 'Zoom in',
    description: 'A slow push in towards the subject.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => pushMove(ctx, grow(ZOOM, ctx.intensity))),
  },
  {
    id: 'zoom-out',
    name: 'Zoom out',
    description: 'Starts close on the subject and slowly pulls back.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => pullMove(ctx, grow(ZOOM, ctx.intensity))),
  },
  {
    id: 'pan-left',
    name: 'Pan left',
    description: 'The camera glides from right to left across the picture.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => panMove(ctx, 'x', -1)),
  },
  {
    id: 'pan-right',
    name: 'Pan right',
    description: 'The camera glides from left to right across the picture.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => panMove(ctx, 'x', 1)),
  },
  {
    id: 'tilt-up',
    name: 'Tilt up',
    description: 'The camera glides up the picture.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => panMove(ctx, 'y', -1)),
  },
  {
    id: 'tilt-down',
    name: 'Tilt down',
    description: 'The camera glides down the picture.',
    needs: ['subject'],
    defaultIntensity: 0.6,
    frame: moving((ctx) => panMove(ctx, 'y', 1)),
  },
  {
    id: 'parallax-dolly',
    name: 'Parallax dolly',
    description: 'The camera moves into the scene, near things passing faster than far ones.',
    needs: ['depth', 'subject'],
    defaultIntensity: 0.6,
    frame: moving(dollyMove),
  },
  {
    id: 'parallax-orbit',
    name: 'Orbit',
    description: 'The camera circles the subject while near and far layers swing around it.',
    needs: ['depth', 'subject'],
    defaultIntensity: 0.6,
    frame: moving(orbitMove),
  },
  {
    id: 'dolly-zoom',
    name: 'Dolly zoom',
    description: 'The subject keeps its size while the background recedes: the vertigo shot.',
    needs: ['depth', 'subject'],
    defaultIntensity: 0.6,
    frame: moving(dollyZoomMove),
  },
  {
    id: 'portrait-focus',
    name: 'Portrait focus',
    description: 'Pushes in on the face as the background softens.',
    needs: ['faces', 'depth'],
    defaultIntensity: 0.6,
    frame: moving(
      portraitPush,
      (p, ctx) => ({
        ...NO_EFFECTS,
        dof: { focusDepth: ctx.focusDepth, blur: dofBlur(ctx) * (0.5 + 0.5 * p) },
        vignette: 0.25 * ctx.intensity,
      }),
    ),
  },
  {
    id: 'light-sweep',
    name: 'Light sweep',
    description: 'A band of light crosses the picture over a slow zoom.',
    needs: [],
    defaultIntensity: 0.5,
    frame: moving(
      (ctx) => pushMove(ctx, grow(SLOW_ZOOM, ctx.intensity)),
      (p, ctx) => ({
        ...NO_EFFECTS,
        // From just outside one side to just outside the other: the band is never cut off mid-frame at the ends.
        sweep: { position: -0.25 + 1.5 * p, angle: 0.35, width: 0.25, strength: 0.6 * ctx.intensity },
        bloom: 0.3 * ctx.intensity,
      }),
    ),
  },
  {
    id: 'film',
    name: 'Film',
    description: 'Grain, a vignette and a warm grade over a slow drift.',
    needs: [],
    defaultIntensity: 0.5,
    frame: moving(filmDrift, (_p, ctx) => ({
      ...NO_EFFECTS,
      grain: 0.5 * ctx.intensity,
      vignette: 0.6 * ctx.intensity,
      grade: { exposure: 0, contrast: 1 + 0.15 * ctx.intensity, saturation: 1 - 0.25 * ctx.intensity, warmth: 0.3 * ctx.intensity },
    })),
  },
  {
    id: 'particles',
    name: 'Particles',
    description: 'Dust, or bokeh round a face, floats between the background and the subject.',
    needs: ['depth'],
    defaultIntensity: 0.5,
    frame: moving(
      (ctx) => pushMove(ctx, grow(SLOW_ZOOM, ctx.intensity)),
      (_p, ctx) => ({
        ...NO_EFFECTS,
        particles: { kind: ctx.face ? 'bokeh' : 'dust', amount: 0.8 * ctx.intensity, seed: PARTICLE_SEED, depth: PARTICLE_DEPTH * ctx.focusDepth },
      }),
    ),
  },
  {
    id: 'rack-focus',
    name: 'Rack focus',
    description: 'The focus travels from the background to the subject.',
    needs: ['depth', 'subject'],
    defaultIntensity: 0.6,
    frame: moving(
      (ctx) => pushMove(ctx, grow(RACK_ZOOM, ctx.intensity)),
      (p, ctx) => {
        // From the far end of the depth range to the subject; a far subject is racked to from the foreground.
        const from = ctx.focusDepth >= 0.5 ? 0 : 1;
        return { ...NO_EFFECTS, dof: { focusDepth: from + (ctx.focusDepth - from) * p, blur: dofBlur(ctx) } };
      },
    ),
  },
];

export function getTemplate(id: TemplateId): TemplateDef {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(`Unknown template "${id}"`);
  return template;
}
