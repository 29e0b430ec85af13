// The test API the harness page exposes as `window.harness`, for browser tests
// and for poking at the playground from the devtools console.
import type { NodeExtras, Notification } from './fake-figma';

/** 'figma': the UI as Figma shows it (data: document, not a secure context); 'secure': a blob: iframe of the harness page. */
export type HostMode = 'figma' | 'secure';

/** Nodes that cannot be animated, for testing how the plugin says so. */
export type BadNodeKind = 'empty-vector' | 'invisible' | 'zero-size' | 'huge';

/** A node on the harness's canvas as tests see it. */
export interface NodeDescription {
  id: string;
  type: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** null: on the page. */
  parentId: string | null;
  /** hash: the videoHash of a VIDEO paint, the imageHash of an IMAGE paint. */
  fills: { type: string; scaleMode?: string; hash?: string | null }[];
  pluginData: Record<string, string>;
  relaunchData: Record<string, string>;
}

export interface HarnessApi {
  readonly mode: HostMode;
  /** Resolves once the UI iframe exists and the sandbox has received `ui-ready`. */
  readonly ready: Promise<void>;
  /**
   * Adds an image-fill rectangle the size of the decoded image; selects it unless `select` is false.
   * With `size` the bytes are taken as they are, undecoded: a fill whose bytes are damaged, or too large to decode here.
   */
  addImage(image: { name: string; bytes: Uint8Array; select?: boolean; size?: { width: number; height: number } }): Promise<string>;
  /** Adds a node that cannot be animated; returns its id. */
  addNode(kind: BadNodeKind, props?: NodeExtras): string;
  /** Replaces the page selection, which the sandbox hears about as Figma would tell it. */
  select(ids: readonly string[]): void;
  /** The page's top-level nodes, in order. */
  nodes(): NodeDescription[];
  /** SHA-256 (hex) and length of the bytes behind a video or image hash; null when unknown. */
  mediaDigest(hash: string): Promise<{ sha256: string; bytes: number } | null>;
  /** Every `figma.notify`, in order. */
  readonly notifications: readonly Notification[];
  /** A copy of clientStorage. */
  storage(): Record<string, unknown>;
  /** Every message the sandbox posted to the UI, in order. */
  readonly toUi: readonly unknown[];
  /** Every message the UI posted to the sandbox, in order. */
  readonly toSandbox: readonly unknown[];
  /** Content-Security-Policy violations reported in the host page. */
  readonly cspViolations: number;
}
