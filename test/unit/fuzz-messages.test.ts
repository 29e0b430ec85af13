// Fuzz: the validators on every boundary (sandbox ↔ UI messages, stored and
// command-line params) take thousands of random and mutated inputs without
// throwing, in bounded time, and whatever they accept is valid.
import { describe, expect, it } from 'vitest';
import { combinationProblem, DEFAULT_PARAMS, parseParams, type RenderParams } from '../../engine/params';
import { parseToSandbox, parseToUi } from '../../plugin/messages';
import { mutate, randomValue, seeded } from '../support/fuzz';

const RUNS = 3000;
/** Per input: a validator is a few property checks; the bound is loose for a shared, busy machine (GC pauses), tight for a hang. */
const MAX_MS = 500;
/** On average, per input. */
const MEAN_MS = 2;

const node = { id: '1:2', name: 'Photo', width: 400, height: 300 };
const toUi = [
  { type: 'start', command: 'animate', params: DEFAULT_PARAMS },
  { type: 'selection', nodes: [node, { ...node, id: '1:3' }] },
  { type: 'image', node, bytes: new Uint8Array([1, 2, 3]), source: 'export', index: 0, count: 2 },
  { type: 'notice', level: 'info', text: 'Hello' },
  { type: 'placed', requestId: 3, outcome: 'placed', frameId: '9:1', text: 'Placed beside “Photo”.' },
];
const toSandbox = [
  { type: 'ui-ready' },
  { type: 'settings', params: { ...DEFAULT_PARAMS, format: 'gif', width: 640, height: 360, fps: 25 } },
  { type: 'notify', text: 'Done', error: false },
  { type: 'rendered', nodeId: '1:2', params: DEFAULT_PARAMS, stats: { width: 640, height: 360, frames: 48, fps: 24, template: 'zoom-in', encoder: 'ffmpeg', bytes: 1000, ms: { decode: 1, analyse: 1, render: 2, encode: 3, total: 7 } } },
  { type: 'place', requestId: 3, nodeId: '1:2', name: 'Photo', bytes: new Uint8Array(16), mimeType: 'video/mp4', width: 640, height: 360, params: DEFAULT_PARAMS },
];

/** Runs `check` on each input, failing on a throw or a slow input, and returns how many were accepted. */
function fuzz<T>(inputs: Iterable<unknown>, parse: (input: unknown) => T, check: (result: T, input: unknown) => boolean): number {
  let accepted = 0;
  let total = 0;
  let count = 0;
  for (const input of inputs) {
    const started = performance.now();
    let result: T;
    try {
      result = parse(input);
    } catch (e) {
      throw new Error(`threw on ${String(JSON.stringify(input))?.slice(0, 200)}: ${e}`);
    }
    const ms = performance.now() - started;
    if (ms > MAX_MS) throw new Error(`took ${ms.toFixed(1)} ms on ${String(JSON.stringify(input))?.slice(0, 200)}`);
    total += ms;
    count++;
    if (check(result, input)) accepted++;
  }
  expect(total / count).toBeLessThan(MEAN_MS);
  return accepted;
}

function* inputs(seed: number, valid: readonly unknown[]): Generator<unknown> {
  const r = seeded(seed);
  for (let i = 0; i < RUNS; i++) yield r() < 0.25 ? randomValue(r) : mutate(r, valid[Math.floor(r() * valid.length)]);
}

describe('fuzzed validators', () => {
  it.each([
    ['parseToUi', parseToUi, toUi],
    ['parseToSandbox', parseToSandbox, toSandbox],
  ] as const)('%s never throws, stays fast, and what it accepts parses again unchanged', (_, parse, valid) => {
    // The seeds are real messages: mutations start from what is on the wire.
    for (const message of valid) expect((parse as (input: unknown) => { ok: boolean })(message).ok).toBe(true);
    const accepted = fuzz(inputs(7, valid), parse as (input: unknown) => ReturnType<typeof parseToUi>, (result) => {
      if (!result.ok) {
        expect(result.error.length).toBeGreaterThan(0);
        return false;
      }
      expect(parse(result.message)).toEqual(result);
      return true;
    });
    // The mutations must reach both outcomes, or the test proves nothing.
    expect(accepted).toBeGreaterThan(RUNS * 0.02);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });

  it('parseParams accepts only settings every boundary can use', () => {
    const valid = [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, format: 'webm', codec: 'vp9', workers: 2 }, { template: 'pan-left', duration: 3, fps: 24, width: 320, height: 240 }];
    const accepted = fuzz(
      inputs(11, valid),
      (input) => {
        try {
          return parseParams(input);
        } catch (e) {
          expect((e as Error).message).toMatch(/^Invalid settings: ./);
          return null;
        }
      },
      (params: RenderParams | null) => {
        if (!params) return false;
        expect(combinationProblem(params)).toBeNull();
        expect(params.width % 2 + (params.height % 2)).toBe(0);
        expect(Number.isFinite(params.duration)).toBe(true);
        expect(parseParams(params)).toEqual(params);
        return true;
      },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.02);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });
});
