// The development host (bundled to dist/harness.js): plays Figma for the
// plugin in a browser page. A fake `figma` runs the real sandbox bundle
// (dist/code.js), the real UI (dist/ui.html) runs in an iframe, and tests
// drive both through `window.harness` (and may seed the command and
// clientStorage through `window.harnessSeed`). `?host=secure` shows the UI in
// a secure context instead of Figma's data: document.
import { createFakeFigma, type NodeExtras } from './fake-figma';
import type { BadNodeKind, HarnessApi, HostMode, NodeDescription } from './harness-api';
import { readSeed } from './harness-seed';
import { mountPlayground } from './playground';
import { rasterise } from './rasterise';
import { openUiFrame, type UiFrame } from './ui-frame';

declare global {
  interface Window {
    harness: HarnessApi;
  }
}

const mode: HostMode = new URLSearchParams(location.search).get('host') === 'secure' ? 'secure' : 'figma';
const toUi: unknown[] = [];
const toSandbox: unknown[] = [];
let cspViolations = 0;
let frame: UiFrame | undefined;
let uiReady!: () => void;
const ready = new Promise<void>((resolve) => (uiReady = resolve));

addEventListener('securitypolicyviolation', () => cspViolations++);

const { images: seedImages = [], ...seed } = readSeed();
const fake = createFakeFigma({
  ...seed,
  exportNode: (node, settings) => rasterise(node, fake.imageOf(node), settings),
  onShowUI(html, options) {
    frame = openUiFrame({
      mode,
      html,
      container: document.getElementById('plugin') ?? document.body,
      width: options?.width ?? 360,
      height: options?.height ?? 640,
      onMessage(message) {
        toSandbox.push(message);
        fake.fromUi(message);
        if ((message as { type?: unknown } | null)?.type === 'ui-ready') uiReady();
      },
    });
  },
  toUi(message) {
    toUi.push(message);
    frame?.post(message);
  },
  onNotify: (notification) => playground.toast(notification),
  // A placed clip shows up on the playground's canvas.
  onCanvasChange: () => playground.render(),
});

function select(ids: readonly string[]): void {
  fake.select(
    ids.map((id) => {
      const node = fake.nodeById(id);
      if (!node) throw new Error(`no node with id ${id}`);
      return node;
    }),
  );
  playground.render();
}

async function addImage(name: string, bytes: Uint8Array, selectIt: boolean, extras: NodeExtras = {}, size?: { width: number; height: number }): Promise<string> {
  const own = new Uint8Array(bytes);
  let node: SceneNode;
  if (size) {
    node = fake.imageRect({ bytes: own, ...size }, { name, ...placeAfterLast(), ...extras });
  } else {
    const bitmap = await createImageBitmap(new Blob([own]));
    node = fake.imageRect({ bytes: own, width: bitmap.width, height: bitmap.height }, { name, ...placeAfterLast(), ...extras });
    bitmap.close();
  }
  if (selectIt) select([node.id]);
  else playground.render();
  return node.id;
}

/** New images go in a row left to right, 100 px apart, as designers lay them out. */
function placeAfterLast(): { x: number; y: number } {
  const last = fake.figma.currentPage.children.at(-1);
  return last ? { x: last.x + last.width + 100, y: last.y } : { x: 0, y: 0 };
}

/** What a test may read of a node: its geometry, parent, fills, plugin data and relaunch data. */
function describeNode(node: SceneNode): NodeDescription {
  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as Paint[]) : [];
  return {
    id: node.id,
    type: node.type,
    name: node.name,
    x: node.x,
    y: node.y,
    width: node.width,
    height: node.height,
    parentId: node.parent?.type === 'PAGE' ? null : (node.parent?.id ?? null),
    fills: fills.map((paint) => ({
      type: paint.type,
      ...('scaleMode' in paint ? { scaleMode: paint.scaleMode } : {}),
      ...(paint.type === 'VIDEO' ? { hash: paint.videoHash } : paint.type === 'IMAGE' ? { hash: paint.imageHash } : {}),
    })),
    pluginData: Object.fromEntries(node.getPluginDataKeys().map((key) => [key, node.getPluginData(key)])),
    relaunchData: node.getRelaunchData(),
  };
}

/** The hex SHA-256 and length of a video's or image's bytes, as Figma stored them. */
async function mediaDigest(hash: string): Promise<{ sha256: string; bytes: number } | null> {
  const bytes = fake.videoBytes(hash) ?? (await fake.figma.getImageByHash(hash)?.getBytesAsync());
  if (!bytes) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return { sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''), bytes: bytes.byteLength };
}

const BAD_NODES: Record<BadNodeKind, (extras: NodeExtras) => SceneNode> = {
  'empty-vector': fake.emptyVector,
  invisible: fake.invisible,
  'zero-size': fake.zeroSize,
  huge: fake.huge,
};

const playground = mountPlayground({
  mode,
  nodes: () => fake.figma.currentPage.children,
  selection: () => fake.figma.currentPage.selection,
  imageOf: fake.imageOf,
  select,
  addImage,
});

window.harness = {
  mode,
  ready,
  addImage: ({ name, bytes, select: selectIt = true, size }) => addImage(name, bytes, selectIt, {}, size),
  addNode(kind, props = {}) {
    const node = BAD_NODES[kind](props);
    playground.render();
    return node.id;
  },
  select,
  nodes: () => fake.figma.currentPage.children.map(describeNode),
  mediaDigest,
  notifications: fake.notifications,
  storage: fake.storage,
  toUi,
  toSandbox,
  get cspViolations() {
    return cspViolations;
  },
};

/** Puts the seeded images on the canvas and selects them, before the plugin starts. */
async function addSeedImages(): Promise<void> {
  const ids = [];
  for (const image of seedImages) {
    const bytes = Uint8Array.from(atob(image.base64), (c) => c.charCodeAt(0));
    ids.push(await addImage(image.name, bytes, false, { pluginData: image.pluginData ?? {} }));
  }
  if (ids.length > 0) select(ids);
}

/** Provides Figma's globals, then runs the sandbox bundle as Figma would. */
async function startSandbox(): Promise<void> {
  await addSeedImages();
  const response = await fetch('/dist/ui.html');
  if (!response.ok) throw new Error(`/dist/ui.html: ${response.status}; run \`node build.mjs\``);
  Object.assign(globalThis, { figma: fake.figma, __html__: await response.text() });
  const script = document.createElement('script');
  script.src = '/dist/code.js';
  await new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error('/dist/code.js did not load; run `node build.mjs`'));
    document.body.append(script);
  });
}

startSandbox().catch((error: unknown) =>
  playground.toast({ text: `The harness could not start the plugin: ${String(error)}`, error: true }),
);
