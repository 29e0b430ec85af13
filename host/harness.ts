// The development host (bundled to dist/harness.js): plays Figma for the
// plugin in a browser page. A fake `figma` runs the real sandbox bundle
// (dist/code.js), the real UI (dist/ui.html) runs in an iframe, and tests
// drive both through `window.harness` (and may seed the command and
// clientStorage through `window.harnessSeed`). `?host=secure` shows the UI in
// a secure context instead of Figma's data: document.
import { createFakeFigma, type NodeExtras } from './fake-figma';
import type { BadNodeKind, HarnessApi, HostMode } from './harness-api';
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

const fake = createFakeFigma({
  ...readSeed(),
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

async function addImage(name: string, bytes: Uint8Array, selectIt: boolean, size?: { width: number; height: number }): Promise<string> {
  const own = new Uint8Array(bytes);
  let node: SceneNode;
  if (size) {
    node = fake.imageRect({ bytes: own, ...size }, { name });
  } else {
    const bitmap = await createImageBitmap(new Blob([own]));
    node = fake.imageRect({ bytes: own, width: bitmap.width, height: bitmap.height }, { name });
    bitmap.close();
  }
  if (selectIt) select([node.id]);
  else playground.render();
  return node.id;
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
  addImage: ({ name, bytes, select: selectIt = true, size }) => addImage(name, bytes, selectIt, size),
  addNode(kind, props = {}) {
    const node = BAD_NODES[kind](props);
    playground.render();
    return node.id;
  },
  select,
  notifications: fake.notifications,
  storage: fake.storage,
  toUi,
  toSandbox,
  get cspViolations() {
    return cspViolations;
  },
};

/** Provides Figma's globals, then runs the sandbox bundle as Figma would. */
async function startSandbox(): Promise<void> {
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
