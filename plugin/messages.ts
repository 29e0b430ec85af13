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
]);
export type ToUi = v.InferOutput<typeof ToUiSchema>;

/** UI → sandbox. */
export const ToSandboxSchema = v.variant('type', [
  v.object({ type: v.literal('ui-ready') }),
  /** Stores settings (never pixels) and re-exports the selection at the new size. */
  v.object({ type: v.literal('settings'), params: RenderParamsSchema }),
  v.object({ type: v.literal('notify'), text: v.string(), error: v.optional(v.boolean()) }),
  /** A clip is ready in the UI: its description only, never its pixels. */
  v.object({
    type: v.literal('rendered'),
    nodeId: v.string(),
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
