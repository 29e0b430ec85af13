// Records every message the engine worker sends to the plugin UI (replies on
// the worker itself, and calls on the MessagePorts Comlink opens for callbacks),
// so a test can check what leaves the worker.
import type { Frame } from 'playwright-core';
import type { AnalysisSummary } from '../../engine/api';

declare global {
  interface Window {
    recordedWorkerMessages?: unknown[];
  }
}

/** An init script: runs in every frame before the plugin's own scripts. */
export function recordWorkerMessages(): void {
  const seen: unknown[] = [];
  window.recordedWorkerMessages = seen;
  const record = (target: EventTarget) => target.addEventListener('message', (e) => seen.push((e as MessageEvent).data));
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      record(this);
    }
  };
  const NativeChannel = window.MessageChannel;
  window.MessageChannel = class extends NativeChannel {
    constructor() {
      super();
      record(this.port1);
      record(this.port2);
    }
  };
}

export interface WorkerMessageAudit {
  messages: number;
  /** Binary payloads that are clips: MP4, WebM or GIF files. */
  clips: number;
  /** Everything that looks like analysis data: binary other than the clip, face-like boxes, masks. */
  problems: string[];
  summaries: AnalysisSummary[];
}

/** Walks every recorded message in the UI frame (binary data does not cross to Node intact). */
export function auditWorkerMessages(ui: Frame): Promise<WorkerMessageAudit> {
  return ui.evaluate(() => {
    const audit = { messages: 0, clips: 0, problems: [] as string[], summaries: [] as AnalysisSummary[] };
    const named = new Set(['faces', 'mask', 'masks', 'depth', 'keypoints', 'boxes', 'box', 'landmarks']);
    const walk = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object') return;
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        const isClip =
          bytes.length > 8 &&
          (String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp' || // MP4
            String.fromCharCode(...bytes.subarray(0, 4)) === 'GIF8' ||
            (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)); // WebM (EBML)
        if (isClip) audit.clips++;
        else audit.problems.push(`${path}: ${bytes.length} bytes of binary data`);
        return;
      }
      if (value instanceof ImageBitmap || value instanceof ImageData || value instanceof Blob || value instanceof OffscreenCanvas) {
        audit.problems.push(`${path}: ${value.constructor.name}`);
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`));
        return;
      }
      const record = value as Record<string, unknown>;
      if (['x', 'y', 'w', 'h'].every((k) => typeof record[k] === 'number') || ['width', 'height', 'data'].every((k) => k in record)) {
        audit.problems.push(`${path}: ${JSON.stringify(Object.keys(record))}`);
      }
      if ('faceCount' in record) audit.summaries.push(record as unknown as AnalysisSummary);
      for (const [key, v] of Object.entries(record)) {
        // Lists of faces or landmarks; planes and binary are caught above whatever their name.
        if (named.has(key) && Array.isArray(v)) audit.problems.push(`${path}.${key}: a list`);
        walk(v, `${path}.${key}`);
      }
    };
    for (const message of window.recordedWorkerMessages ?? []) walk(message, `message ${audit.messages++}`);
    return audit;
  });
}

/** Waits for the UI's analysis line to settle and returns the state it settled in. */
export async function waitForAnalysis(ui: Frame): Promise<string> {
  await ui.waitForSelector('[data-testid=analysis]:not([data-state=running])', { timeout: 60_000 });
  return (await ui.getAttribute('[data-testid=analysis]', 'data-state')) ?? '';
}
