import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../engine/params';
import { parseToSandbox, parseToUi } from '../../plugin/messages';

const node = { id: '1:2', name: 'Photo', width: 400, height: 300 };

describe('parseToUi', () => {
  it('accepts every message the sandbox sends', () => {
    const valid = [
      { type: 'start', command: 'animate', params: DEFAULT_PARAMS },
      { type: 'start', command: 'quick', params: { ...DEFAULT_PARAMS, template: 'pan-right' } },
      { type: 'selection', nodes: [node] },
      { type: 'selection', nodes: [], problem: 'Select a frame, group or image to animate.' },
      { type: 'image', node, bytes: new Uint8Array([1, 2]), source: 'fill', index: 0, count: 1 },
      { type: 'notice', level: 'warning', text: 'Careful.' },
    ];
    for (const message of valid) expect(parseToUi(message)).toEqual({ ok: true, message });
  });

  it('rejects wrong types, missing fields and impossible values with readable errors', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'start', command: 'explode', params: DEFAULT_PARAMS }, /^command: /],
      [{ type: 'start', command: 'animate' }, /^params: /],
      [{ type: 'selection', nodes: [{ ...node, width: '400' }] }, /^nodes\.0\.width: /],
      [{ type: 'image', node, bytes: [1, 2], source: 'fill', index: 0, count: 1 }, /^bytes: /],
      [{ type: 'image', node, bytes: new Uint8Array(1), source: 'export', index: -1, count: 1 }, /^index: /],
      [{ type: 'image', node, bytes: new Uint8Array(1), source: 'export', index: 0, count: 0 }, /^count: /],
      [{ type: 'image', node, bytes: new Uint8Array(1), source: 'camera', index: 0, count: 1 }, /^source: /],
      [{ type: 'notice', level: 'fatal', text: 'x' }, /^level: /],
      [{ type: 'pixels' }, /^type: /],
      [null, /./],
    ];
    for (const [input, error] of cases) {
      const result = parseToUi(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(error);
    }
  });
});

describe('parseToSandbox', () => {
  it('accepts every message the UI sends', () => {
    const valid = [
      { type: 'ui-ready' },
      { type: 'settings', params: DEFAULT_PARAMS },
      { type: 'notify', text: 'Done.' },
      { type: 'notify', text: 'Failed.', error: true },
      { type: 'close' },
    ];
    for (const message of valid) expect(parseToSandbox(message)).toEqual({ ok: true, message });
  });

  it('rejects out-of-range params, naming the field', () => {
    const cases: [object, RegExp][] = [
      [{ ...DEFAULT_PARAMS, width: 1281 }, /^params\.width: width and height must be even/],
      [{ ...DEFAULT_PARAMS, width: 8 }, /^params\.width: /],
      [{ ...DEFAULT_PARAMS, height: 4000 }, /^params\.height: /],
      [{ ...DEFAULT_PARAMS, duration: 0.5 }, /^params\.duration: /],
      [{ ...DEFAULT_PARAMS, duration: 31 }, /^params\.duration: /],
      [{ ...DEFAULT_PARAMS, fps: 29.97 }, /^params\.fps: /],
      [{ ...DEFAULT_PARAMS, template: 'spin' }, /^params\.template: /],
      [{ template: 'zoom-in' }, /^params\.duration: /],
    ];
    for (const [params, error] of cases) {
      const result = parseToSandbox({ type: 'settings', params });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(error);
    }
  });

  it('rejects wrong types and missing fields', () => {
    for (const input of ['ui-ready', 42, {}, { type: 'notify' }, { type: 'notify', text: 1 }, { type: 'notify', text: 'x', error: 'yes' }]) {
      expect(parseToSandbox(input).ok).toBe(false);
    }
  });
});
