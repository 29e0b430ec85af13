// The UI's session against a fake engine worker: what reaches the UI when the
// worker's messages arrive in an order the browser does not promise.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenderProgress, RenderResult } from '../../engine/api';
import { DEFAULT_PARAMS } from '../../engine/params';

type Progress = (p: RenderProgress) => void;

/** What the fake worker does with a render call: it gets the progress callback as the session passed it. */
let renderCall: (onProgress: Progress) => Promise<RenderResult>;

vi.mock('../../ui/engine-client', () => ({
  startEngine: () => ({
    api: { render: (_params: unknown, onProgress: Progress) => renderCall(onProgress) },
    ffmpeg: () => Promise.resolve(),
    models: () => Promise.resolve(),
    terminate: () => {},
    onCrash: () => {},
  }),
}));

const { Session } = await import('../../ui/session');

const result = { bytes: new Uint8Array([1, 2, 3]) } as RenderResult;
/** One turn of the event loop: a message delivered "later". */
const later = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('Session.render', () => {
  beforeEach(() => {
    renderCall = async () => result;
  });

  it('passes on progress while the render runs', async () => {
    renderCall = async (onProgress) => {
      onProgress({ done: 1, total: 24 });
      await later();
      onProgress({ done: 12, total: 24 });
      return result;
    };
    const seen: RenderProgress[] = [];
    await expect(new Session().render(DEFAULT_PARAMS, false, (p) => seen.push(p))).resolves.toBe(result);
    expect(seen).toEqual([
      { done: 1, total: 24 },
      { done: 12, total: 24 },
    ]);
  });

  it('drops progress that arrives after the answer (its port is not ordered with the worker’s)', async () => {
    renderCall = async (onProgress) => {
      onProgress({ done: 23, total: 24 });
      // The last frame's progress message overtaken by the answer.
      void later().then(() => onProgress({ done: 24, total: 24 }));
      return result;
    };
    const seen: RenderProgress[] = [];
    await new Session().render(DEFAULT_PARAMS, false, (p) => seen.push(p));
    await later();
    await later();
    expect(seen).toEqual([{ done: 23, total: 24 }]);
  });

  it('drops progress that arrives after a failed render too', async () => {
    renderCall = async (onProgress) => {
      void later().then(() => onProgress({ done: 5, total: 24 }));
      throw new Error('ffmpeg failed');
    };
    const seen: RenderProgress[] = [];
    await expect(new Session().render(DEFAULT_PARAMS, false, (p) => seen.push(p))).rejects.toThrow('ffmpeg failed');
    await later();
    await later();
    expect(seen).toEqual([]);
  });
});
