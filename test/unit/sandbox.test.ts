import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseParams, type RenderParams } from '../../engine/params';
import { RELAUNCH_DATA_KEY } from '../../plugin/relaunch';
import { SETTINGS_KEY } from '../../plugin/settings';
import { QUICK_UI_OPTIONS, UI_OPTIONS } from '../../plugin/start-plugin';
import { runSandbox, settle, UI_HTML } from './sandbox-fixture';

const photo = (width: number, height: number) => ({ bytes: new Uint8Array([1, 2, 3, 4, 5]), width, height });
const renderStats = {
  width: 1080,
  height: 1920,
  frames: 125,
  fps: 25,
  template: 'pan-right',
  encoder: 'webcodecs',
  bytes: 123456,
  ms: { decode: 1, analyse: 1, render: 2, encode: 3, total: 7 },
};
const HD: RenderParams = { ...DEFAULT_PARAMS, width: 1920, height: 1080 };

/** A promise the test resolves by hand, to hold an export mid-flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('start', () => {
  it('opens the UI and sends nothing before the UI is ready', async () => {
    const s = runSandbox();
    s.fake.select([s.fake.frame()]);
    await settle();
    expect(s.shown).toEqual([{ html: UI_HTML, options: UI_OPTIONS }]);
    expect(UI_OPTIONS).toEqual({ width: 360, height: 640, themeColors: true, title: 'Stillmotion' });
    expect(s.toUi).toEqual([]);
    expect(s.fake.exports).toEqual([]);
  });

  it('opens the small progress window for quick commands, the full one otherwise', async () => {
    for (const command of ['quick:zoom-in', 'quick:pan-right', 'quick:last']) {
      expect(runSandbox({ command }).shown[0]?.options).toEqual(QUICK_UI_OPTIONS);
    }
    for (const command of ['', 'animate', 'reanimate', 'quick:no-such-template']) {
      expect(runSandbox({ command }).shown[0]?.options).toEqual(UI_OPTIONS);
    }
    expect(QUICK_UI_OPTIONS).toMatchObject({ width: 300, height: 140 });
  });

  it('answers ui-ready with the command, the stored settings and the selection', async () => {
    const s = runSandbox({ command: 'animate', storage: { [SETTINGS_KEY]: HD } });
    await s.ready();
    expect(s.toUi[0]).toEqual({ type: 'start', command: 'animate', params: HD });
    expect(s.toUi[1]?.type).toBe('selection');
    expect(s.invalid).toEqual([]);
  });

  it('falls back to the defaults when stored settings are missing or invalid', async () => {
    for (const storage of [{}, { [SETTINGS_KEY]: { ...HD, width: 1921 } }, { [SETTINGS_KEY]: 'junk' }]) {
      const s = runSandbox({ storage });
      await s.ready();
      expect(s.ofType('start')[0]?.params).toEqual(DEFAULT_PARAMS);
    }
  });

  it('quick commands start with their template and the other stored settings', async () => {
    for (const [command, template] of [['quick:zoom-in', 'zoom-in'], ['quick:pan-right', 'pan-right']] as const) {
      const s = runSandbox({ command, storage: { [SETTINGS_KEY]: { ...HD, template: 'zoom-in' } } });
      await s.ready();
      expect(s.ofType('start')).toEqual([{ type: 'start', command: 'quick', params: { ...HD, template } }]);
    }
  });

  it('quick animate with the last settings keeps their template', async () => {
    const s = runSandbox({ command: 'quick:last', storage: { [SETTINGS_KEY]: { ...HD, template: 'film' } } });
    await s.ready();
    expect(s.ofType('start')).toEqual([{ type: 'start', command: 'quick', params: { ...HD, template: 'film' } }]);
  });

  it('re-animate uses the params stored on the selected node', async () => {
    const stored: RenderParams = { ...DEFAULT_PARAMS, template: 'pan-right', duration: 7, fps: 24, width: 1080, height: 1080 };
    const s = runSandbox({ command: 'reanimate', storage: { [SETTINGS_KEY]: HD } });
    const node = s.fake.frame({ pluginData: { [RELAUNCH_DATA_KEY]: JSON.stringify(stored) } });
    s.fake.select([node]);
    await s.ready();
    expect(s.ofType('start')).toEqual([{ type: 'start', command: 'reanimate', params: stored }]);
  });

  it('re-animate falls back to the settings when the node data is missing or invalid', async () => {
    for (const data of ['', '{not json', JSON.stringify({ ...HD, fps: 29 })]) {
      const s = runSandbox({ command: 'reanimate', storage: { [SETTINGS_KEY]: HD } });
      s.fake.select([s.fake.frame({ pluginData: { [RELAUNCH_DATA_KEY]: data } })]);
      await s.ready();
      expect(s.ofType('start')[0]).toEqual({ type: 'start', command: 'reanimate', params: HD });
    }
  });
});

describe('relaunch data', () => {
  it('remembers a rendered clip’s params on its node, for re-animate', async () => {
    const params: RenderParams = { ...DEFAULT_PARAMS, template: 'pan-right', duration: 5, fps: 25, width: 1080, height: 1920 };
    const s = runSandbox();
    const node = s.fake.frame();
    s.fake.select([node]);
    await s.ready();
    s.fake.fromUi({ type: 'rendered', nodeId: node.id, params, stats: renderStats });
    await settle();
    // Only the params and the button: nothing of the picture or the clip.
    expect(node.getPluginDataKeys()).toEqual([RELAUNCH_DATA_KEY]);
    expect(JSON.parse(node.getPluginData(RELAUNCH_DATA_KEY))).toEqual(params);
    expect(Object.keys(JSON.parse(node.getPluginData(RELAUNCH_DATA_KEY))).sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
    expect(node.getRelaunchData()).toEqual({ reanimate: 'pan-right, 5 s, 1080×1920' });

    const again = runSandbox({ command: 'reanimate' });
    again.fake.select([again.fake.frame({ pluginData: { [RELAUNCH_DATA_KEY]: node.getPluginData(RELAUNCH_DATA_KEY) } })]);
    await again.ready();
    expect(again.ofType('start')[0]?.params).toEqual(params);
  });

  it('ignores a clip whose node is gone', async () => {
    const s = runSandbox();
    await s.ready();
    s.fake.fromUi({ type: 'rendered', nodeId: '9:999', params: DEFAULT_PARAMS, stats: renderStats });
    await settle();
    expect(s.fake.notifications.filter((n) => n.error)).toEqual([]);
  });
});

describe('selection', () => {
  it('asks for a selection when nothing is selected', async () => {
    const s = runSandbox();
    await s.ready();
    const text = 'Select a frame, group or image to animate.';
    expect(s.ofType('selection')).toEqual([{ type: 'selection', nodes: [], problem: text }]);
    expect(s.fake.notifications).toEqual([{ text, error: false }]);
  });

  it('sends an image fill’s original bytes when they are detailed enough', async () => {
    const s = runSandbox();
    const image = photo(4000, 3000);
    const node = s.fake.imageRect(image, { name: 'Beach', width: 400, height: 300 });
    s.fake.select([node]);
    await s.ready();
    const summary = { id: node.id, name: 'Beach', width: 400, height: 300 };
    expect(s.ofType('selection')).toEqual([{ type: 'selection', nodes: [summary] }]);
    expect(s.ofType('image')).toEqual([
      { type: 'image', node: summary, bytes: image.bytes, source: 'fill', index: 0, count: 1 },
    ]);
    expect(s.fake.exports).toEqual([]);
    expect(s.invalid).toEqual([]);
  });

  it('keeps the fill when the image is at least the wanted export size', async () => {
    const s = runSandbox();
    // Wanted: 1280 × 1.5 = 1920 px; the node would export at 4 × 2000 px, capped to that.
    s.fake.select([s.fake.imageRect(photo(1920, 1080), { width: 2000, height: 1125 })]);
    await s.ready();
    expect(s.ofType('image')[0]?.source).toBe('fill');
  });

  it('exports an image node whose image is smaller than the export would be', async () => {
    const s = runSandbox();
    s.fake.select([s.fake.imageRect(photo(500, 400))]);
    await s.ready();
    expect(s.ofType('image')[0]?.source).toBe('export');
    expect(s.fake.exports[0]?.settings).toEqual({ format: 'PNG', constraint: { type: 'SCALE', value: 1920 / 500 } });
  });

  it('exports image nodes that are more than a plain image holder', async () => {
    const s = runSandbox();
    const image = photo(4000, 4000);
    const dressed = [
      s.fake.imageRect(image, { strokes: [{ type: 'SOLID', color: { r: 0, g: 0, b: 0 } }] }),
      s.fake.imageRect(image, { effects: [{ type: 'LAYER_BLUR', radius: 4, visible: true } as Effect] }),
      s.fake.imageRect(image, { scaleMode: 'TILE' }),
      s.fake.imageRect(image, { rotation: 15 }),
      s.fake.imageRect(image, { opacity: 0.5 }),
    ];
    s.fake.select(dressed);
    await s.ready();
    expect(s.ofType('image').map((m) => m.source)).toEqual(['export', 'export', 'export', 'export', 'export']);
  });

  it('exports an image node when its fill cannot be read', async () => {
    const s = runSandbox();
    const node = s.fake.imageRect(photo(4000, 4000), { width: 100, height: 100 });
    const figma = s.fake.figma;
    const getImageByHash = figma.getImageByHash.bind(figma);
    figma.getImageByHash = (hash) => {
      const image = getImageByHash(hash);
      return image && { ...image, getBytesAsync: () => Promise.reject(new Error('gone')) };
    };
    s.fake.select([node]);
    await s.ready();
    expect(s.ofType('image')[0]?.source).toBe('export');
  });

  it('exports a frame at the scale that brings its longest side to 1.5 × the output', async () => {
    const s = runSandbox();
    const frame = s.fake.frame({ width: 800, height: 600 });
    s.fake.select([frame]);
    await s.ready();
    expect(s.fake.exports).toEqual([{ nodeId: frame.id, settings: { format: 'PNG', constraint: { type: 'SCALE', value: 2.4 } } }]);
    expect(s.ofType('image')[0]).toMatchObject({ source: 'export', index: 0, count: 1 });
  });

  it('reports a node with no visible pixels by name', async () => {
    for (const make of ['invisible', 'emptyVector', 'zeroSize'] as const) {
      const s = runSandbox();
      s.fake.select([s.fake[make]({ name: `Bad ${make}` })]);
      await s.ready();
      const text = `“Bad ${make}” has no visible pixels, so it was skipped.`;
      expect(s.ofType('selection')).toEqual([{ type: 'selection', nodes: [], problem: text }]);
      expect(s.fake.notifications).toEqual([{ text, error: false }]);
      expect(s.fake.exports).toEqual([]);
    }
  });

  it('reports a node too large to export', async () => {
    const s = runSandbox();
    s.fake.select([s.fake.huge({ name: 'Map of everything' })]);
    await s.ready();
    const text = '“Map of everything” is too large to export, so it was skipped.';
    expect(s.ofType('selection')).toEqual([{ type: 'selection', nodes: [], problem: text }]);
    expect(s.fake.notifications).toEqual([{ text, error: true }]);
  });

  it('reports a node whose export fails, naming it, and sends the others', async () => {
    const s = runSandbox({
      exportNode: async (node) => {
        if (node.name === 'Poster') throw new Error('Image is too large');
        return new Uint8Array([7]);
      },
    });
    const poster = s.fake.frame({ name: 'Poster' });
    const card = s.fake.frame({ name: 'Card' });
    s.fake.select([poster, card]);
    await s.ready();
    expect(s.ofType('notice')).toEqual([
      {
        type: 'notice',
        level: 'error',
        text: 'Couldn\'t export “Poster” (Image is too large); it may be too large to export. It was skipped.',
      },
    ]);
    expect(s.fake.notifications).toEqual([{ text: 'Couldn\'t export “Poster”; it may be too large to export.', error: true }]);
    expect(s.ofType('image')).toMatchObject([{ node: { name: 'Card' }, index: 1, count: 2 }]);
  });

  it('sends the usable nodes of a mixed selection and reports the rest', async () => {
    const s = runSandbox();
    const image = s.fake.imageRect(photo(4000, 3000), { name: 'Photo', width: 400, height: 300 });
    const frame = s.fake.frame({ name: 'Layout' });
    s.fake.select([image, s.fake.invisible({ name: 'Ghost' }), frame, s.fake.huge({ name: 'Atlas' })]);
    await s.ready();
    expect(s.ofType('selection')[0]?.nodes.map((n) => n.name)).toEqual(['Photo', 'Layout']);
    expect(s.ofType('notice').map((n) => [n.level, n.text])).toEqual([
      ['warning', '“Ghost” has no visible pixels, so it was skipped.'],
      ['error', '“Atlas” is too large to export, so it was skipped.'],
    ]);
    expect(s.ofType('image').map((m) => [m.node.name, m.source, m.index, m.count])).toEqual([
      ['Photo', 'fill', 0, 2],
      ['Layout', 'export', 1, 2],
    ]);
    // The selection summary comes first, then one image per message.
    expect(s.toUi.map((m) => m.type)).toEqual(['start', 'selection', 'notice', 'notice', 'image', 'image']);
  });

  it('sums up a selection in which nothing is usable', async () => {
    const s = runSandbox();
    s.fake.select([s.fake.invisible({ name: 'A' }), s.fake.emptyVector({ name: 'B' })]);
    await s.ready();
    expect(s.ofType('selection')[0]?.problem).toBe(
      '“A” has no visible pixels, so it was skipped. “B” has no visible pixels, so it was skipped.',
    );
    expect(s.fake.notifications).toEqual([
      { text: 'None of the selected layers can be animated; the plugin window says why.', error: false },
    ]);
  });

  it('uses at most 20 nodes and says so', async () => {
    const s = runSandbox();
    const frames = Array.from({ length: 23 }, (_, i) => s.fake.frame({ name: `F${i}` }));
    s.fake.select(frames);
    await s.ready();
    expect(s.ofType('selection')[0]?.nodes).toHaveLength(20);
    expect(s.ofType('image')).toHaveLength(20);
    const text = 'Only the first 20 of the 23 selected layers are used.';
    expect(s.ofType('notice')).toEqual([{ type: 'notice', level: 'warning', text }]);
    expect(s.fake.notifications).toEqual([{ text, error: false }]);
  });

  it('drops a stale export when the selection changes mid-export', async () => {
    const held = deferred<Uint8Array>();
    const s = runSandbox({
      exportNode: (node) => (node.name === 'Slow' ? held.promise : Promise.resolve(new Uint8Array([2]))),
    });
    const slow = s.fake.frame({ name: 'Slow' });
    const other = s.fake.frame({ name: 'Also stale' });
    s.fake.select([slow, other]);
    await s.ready();
    expect(s.ofType('image')).toEqual([]);

    await s.select([s.fake.frame({ name: 'Fresh' })]);
    held.resolve(new Uint8Array([1]));
    await settle();
    expect(s.ofType('image').map((m) => m.node.name)).toEqual(['Fresh']);
    // The stale pass stopped: the node after the slow one was never exported.
    expect(s.fake.exports.some((e) => e.nodeId === other.id)).toBe(false);
  });

  it('follows every selection change once the UI is ready', async () => {
    const s = runSandbox();
    await s.ready();
    const a = s.fake.frame({ name: 'A' });
    await s.select([a]);
    await s.select([]);
    expect(s.ofType('selection').map((m) => m.nodes.map((n) => n.name))).toEqual([[], ['A'], []]);
  });

  it('does not repeat the same toast for consecutive passes', async () => {
    const s = runSandbox();
    await s.ready();
    await s.select([]);
    expect(s.fake.notifications).toHaveLength(1);
    await s.select([s.fake.frame()]);
    await s.select([]);
    expect(s.fake.notifications).toHaveLength(2);
  });
});

describe('settings', () => {
  const saved: RenderParams = { ...DEFAULT_PARAMS, template: 'pan-right', duration: 6, fps: 60, width: 720, height: 1280 };

  it('round-trips through clientStorage', async () => {
    const first = runSandbox();
    await first.ready();
    first.fake.fromUi({ type: 'settings', params: saved });
    await settle();
    expect(first.fake.storage()).toEqual({ [SETTINGS_KEY]: saved });

    const second = runSandbox({ storage: first.fake.storage() });
    await second.ready();
    expect(second.ofType('start')[0]?.params).toEqual(saved);
  });

  it('stores nothing but the settings, even with images on the wire', async () => {
    const s = runSandbox();
    const image = photo(4000, 3000);
    s.fake.select([s.fake.imageRect(image, { width: 400, height: 300 }), s.fake.frame()]);
    await s.ready();
    s.fake.fromUi({ type: 'settings', params: saved });
    s.fake.fromUi({ type: 'settings', params: { ...saved, width: 1080 } });
    await settle();
    expect(s.ofType('image').length).toBeGreaterThan(0);

    expect(s.fake.storageWrites.length).toBe(2);
    for (const { key, value } of [...s.fake.storageWrites, ...Object.entries(s.fake.storage()).map(([key, value]) => ({ key, value }))]) {
      expect(key).toBe(SETTINGS_KEY);
      // Exactly a params object: nothing else rides along.
      expect(value).toEqual(parseParams(value));
      expect(Object.keys(value as object).sort()).toEqual(Object.keys(DEFAULT_PARAMS).sort());
      expect(JSON.stringify(value).length).toBeLessThan(400);
    }
  });

  it('re-exports the selection when the output size changes, and only then', async () => {
    const s = runSandbox();
    const frame = s.fake.frame({ width: 800, height: 600 });
    s.fake.select([frame]);
    await s.ready();
    s.clear();

    s.fake.fromUi({ type: 'settings', params: { ...DEFAULT_PARAMS, duration: 9, template: 'pan-right' } });
    await settle();
    expect(s.fake.exports).toEqual([]);

    s.fake.fromUi({ type: 'settings', params: { ...DEFAULT_PARAMS, width: 1920, height: 1080 } });
    await settle();
    expect(s.fake.exports.map((e) => e.settings)).toEqual([{ format: 'PNG', constraint: { type: 'SCALE', value: 3.6 } }]);
    expect(s.toUi.map((m) => m.type)).toEqual(['selection', 'image']);

    // Later selection passes use the new size too.
    s.clear();
    await s.select([frame]);
    expect(s.fake.exports[0]?.settings).toMatchObject({ constraint: { value: 3.6 } });
  });

  it('reports a failed save without breaking', async () => {
    const s = runSandbox();
    await s.ready();
    s.fake.figma.clientStorage.setAsync = () => Promise.reject(new Error('quota exceeded'));
    s.fake.fromUi({ type: 'settings', params: saved });
    await settle();
    expect(s.fake.notifications.at(-1)).toEqual({ text: 'Couldn\'t save your settings: quota exceeded', error: true });
    expect(s.ofType('notice').at(-1)?.text).toBe('Couldn\'t save your settings: quota exceeded');
  });
});

describe('UI messages', () => {
  it('rejects invalid messages with a readable toast and ignores them', async () => {
    const s = runSandbox();
    await s.ready();
    s.clear();
    const bad = [
      'hello',
      { type: 'explode' },
      { type: 'settings' },
      { type: 'settings', params: { ...DEFAULT_PARAMS, width: 99999 } },
      { type: 'notify', text: 42 },
    ];
    for (const message of bad) expect(() => s.fake.fromUi(message)).not.toThrow();
    await settle();
    expect(s.fake.notifications).toHaveLength(bad.length);
    for (const n of s.fake.notifications) {
      expect(n.error).toBe(true);
      expect(n.text).toMatch(/^Ignored a malformed message from the plugin window: .+/);
      expect(n.text.length).toBeLessThanOrEqual(100);
    }
    expect(s.fake.notifications[3]?.text).toContain('width');
    expect(s.fake.storageWrites).toEqual([]);
    expect(s.toUi).toEqual([]);
  });

  it('passes notify on to Figma', async () => {
    const s = runSandbox();
    s.fake.fromUi({ type: 'notify', text: 'Clip saved.' });
    s.fake.fromUi({ type: 'notify', text: 'Encoding failed.', error: true });
    await settle();
    expect(s.fake.notifications).toEqual([
      { text: 'Clip saved.', error: false },
      { text: 'Encoding failed.', error: true },
    ]);
  });

  it('closes the plugin on close', async () => {
    const s = runSandbox();
    s.fake.fromUi({ type: 'close' });
    await settle();
    expect(s.fake.closed).toBe(true);
  });

  it('turns a failure inside a handler into a toast instead of throwing', async () => {
    const s = runSandbox();
    await s.ready();
    s.clear();
    s.fake.figma.ui.postMessage = () => {
      throw new Error('could not clone');
    };
    await s.select([s.fake.frame()]);
    expect(s.fake.notifications).toEqual([{ text: 'Something went wrong: could not clone', error: true }]);
  });
});
