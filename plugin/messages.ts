// Messages between the Figma sandbox and the UI iframe, declared once and
// validated on receipt on both sides.
import * as v from 'valibot';
import { describeIssues, RenderParamsSchema } from '../engine/params';

const NodeSummary = v.object({
  id: v.string(),
  name: v.string(),
  width: v.number(),
  height: v.number(),
});
export type NodeSummary = v.InferOutput<typeof NodeSummary>;

const Level = v.picklist(['info', 'warning', 'error']);

export const PLACE_OUTCOMES = ['placed', 'no-video', 'too-large', 'failed'] as const;
export type PlaceOutcome = (typeof PLACE_OUTCOMES)[number];

/** The clip types Figma takes on the canvas: video fills (MP4, WebM) and GIF image fills. */
export const PLACEABLE_TYPES = ['video/mp4', 'video/webm', 'image/gif'] as const;

/** Sandbox → UI. */
export const ToUiSchema = v.variant('type', [
  v.object({
    type: v.literal('start'),
    /** 'animate' opens the editor; a quick preset renders at once with that template. */
    command: v.picklist(['animate', 'quick', 'reanimate']),
    params: RenderParamsSchema,
  }),
  v.object({
    type: v.literal('selection'),
    /** Usable nodes, in selection order; their images follow one message each. */
    nodes: v.array(NodeSummary),
    /** Set when nothing usable is selected: shown as is. */
    problem: v.optional(v.string()),
  }),
  v.object({
    type: v.literal('image'),
    node: NodeSummary,
    /** Encoded image bytes (PNG from exportAsync, or an image fill's original bytes). */
    bytes: v.instance(Uint8Array),
    source: v.picklist(['export', 'fill']),
    index: v.pipe(v.number(), v.integer(), v.minValue(0)),
    count: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  v.object({ type: v.literal('notice'), level: Level, text: v.string() }),
  /** The answer to a `place` request. */
  v.object({
    type: v.literal('placed'),
    requestId: v.number(),
    /** placed; no-video: Figma would not take the video (a free plan, mostly); too-large: over Figma's 100 MB; failed: anything else. */
    outcome: v.picklist(PLACE_OUTCOMES),
    /** The new frame, when placed. */
    frameId: v.optional(v.string()),
    /** What to tell the designer, as is. */
    text: v.string(),
  }),
]);
export type ToUi = v.InferOutput<typeof ToUiSchema>;

/** UI → sandbox. */
export const ToSandboxSchema = v.variant('type', [
  v.object({ type: v.literal('ui-ready') }),
  /** Stores settings (never pixels) and re-exports the selection at the new size. */
  v.object({ type: v.literal('settings'), params: RenderParamsSchema }),
  v.object({ type: v.literal('notify'), text: v.string(), error: v.optional(v.boolean()) }),
  /** A clip is ready in the UI: its description and params only, never its pixels. */
  v.object({
    type: v.literal('rendered'),
    nodeId: v.string(),
    /** What the clip was made with, for the node's Re-animate button. */
    params: RenderParamsSchema,
    stats: v.object({
      width: v.number(),
      height: v.number(),
      frames: v.number(),
      fps: v.number(),
      template: v.string(),
      encoder: v.string(),
      bytes: v.number(),
      ms: v.object({ decode: v.number(), analyse: v.number(), render: v.number(), encode: v.number(), total: v.number() }),
    }),
  }),
  /** Puts a finished clip on the canvas beside its node; answered by `placed`. */
  v.object({
    type: v.literal('place'),
    requestId: v.number(),
    nodeId: v.string(),
    /** The node's name when the clip was made: names the new frame even if the node is gone. */
    name: v.string(),
    bytes: v.instance(Uint8Array),
    mimeType: v.picklist(PLACEABLE_TYPES),
    width: v.pipe(v.number(), v.integer(), v.minValue(1)),
    height: v.pipe(v.number(), v.integer(), v.minValue(1)),
    params: RenderParamsSchema,
  }),
  v.object({ type: v.literal('close') }),
]);
export type ToSandbox = v.InferOutput<typeof ToSandboxSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown): ParseResult<T> {
  const r = v.safeParse(schema, input);
  return r.success ? { ok: true, message: r.output } : { ok: false, error: describeIssues(r.issues) };
}

export const parseToUi = (input: unknown): ParseResult<ToUi> => parseWith(ToUiSchema, input);
export const parseToSandbox = (input: unknown): ParseResult<ToSandbox> => parseWith(ToSandboxSchema, input);
