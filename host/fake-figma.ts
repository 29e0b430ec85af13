// An in-memory stand-in for the part of Figma's plugin API the sandbox uses,
// shared by the Node unit tests and the browser harness. Rendering and the
// UI are injected: tests record, the harness rasterises and shows an iframe.

export interface FakeFigmaOptions {
  /** `figma.command`: the menu or relaunch command the plugin was run with. */
  command?: string;
  /** Renders `node.exportAsync(settings)`; defaults to a PNG signature. */
  exportNode?: (node: SceneNode, settings: ExportSettings) => Promise<Uint8Array>;
  onShowUI?: (html: string, options: ShowUIOptions | undefined) => void;
  /** Hears each `figma.notify` after it is recorded. */
  onNotify?: (notification: Notification) => void;
  /** Receives each `figma.ui.postMessage`, structured-cloned as Figma does. */
  toUi?: (message: unknown) => void;
  /** Initial clientStorage contents. */
  storage?: Record<string, unknown>;
  /** false: the file is in a free Starter team, where Figma refuses to add video. */
  videoAllowed?: boolean;
  /** Hears each node the plugin adds or moves, after the change. */
  onCanvasChange?: () => void;
}

export interface Notification {
  text: string;
  error: boolean;
}

export interface ExportCall {
  nodeId: string;
  settings: ExportSettings;
}

export interface StoredImage {
  bytes: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
}

/** The node properties the sandbox reads. */
export interface FakeNodeProps {
  type: NodeType;
  name?: string;
  width: number;
  height: number;
  visible?: boolean;
  rotation?: number;
  opacity?: number;
  /** Omitted: the node type has no fills (a group). */
  fills?: Paint[];
  strokes?: Paint[];
  strokeWeight?: number;
  effects?: Effect[];
  /** Omitted: the node type has no children. */
  children?: SceneNode[];
  absoluteRenderBounds?: Rect | null;
  pluginData?: Record<string, string>;
  x?: number;
  y?: number;
}

export type NodeExtras = Partial<Omit<FakeNodeProps, 'type' | 'width' | 'height'>>;

export interface FakeFigma {
  /** Pass to the sandbox; only the members it uses exist. */
  readonly figma: PluginAPI;
  readonly notifications: Notification[];
  /** Every clientStorage write, in order. */
  readonly storageWrites: { key: string; value: unknown }[];
  readonly exports: ExportCall[];
  readonly closed: boolean;
  storage(): Record<string, unknown>;
  /** Delivers a message from the UI to the sandbox's handlers. */
  fromUi(message: unknown): void;
  /** Sets the page selection, which fires `selectionchange` as Figma does. */
  select(nodes: readonly SceneNode[]): void;
  nodeById(id: string): SceneNode | undefined;
  imageOf(node: SceneNode): StoredImage | undefined;
  /** The bytes behind a `createVideoAsync` hash. */
  videoBytes(hash: string): Uint8Array | undefined;
  /** Any node, added to the page. */
  addNode(props: FakeNodeProps): SceneNode;
  /** A rectangle filled with one image, sized like the image unless told. */
  imageRect(image: StoredImage, extras?: NodeExtras & { width?: number; height?: number; scaleMode?: ImagePaint['scaleMode'] }): SceneNode;
  frame(extras?: NodeExtras & { width?: number; height?: number }): SceneNode;
  invisible(extras?: NodeExtras): SceneNode;
  emptyVector(extras?: NodeExtras): SceneNode;
  zeroSize(extras?: NodeExtras): SceneNode;
  /** Too large for Figma to render at any useful scale. */
  huge(extras?: NodeExtras): SceneNode;
}

type Handler = (...args: never[]) => unknown;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Figma's documented limit for `createVideoAsync`. */
export const VIDEO_MAX_BYTES = 100 * 1024 * 1024;
/** The errors Figma's `createVideoAsync` documents, word for word. */
export const VIDEO_ERRORS = {
  plan: 'Uploading videos only works in files in paid Pro teams',
  type: 'Video file type must be MP4',
  size: 'Video file must be less than 100MB',
} as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** MP4 and MOV start with an ftyp box, WebM with the EBML magic. */
const isVideoFile = (bytes: Uint8Array) => startsWith(bytes, ascii('ftyp'), 4) || startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]);

/** The pixel size from a PNG's or GIF's header; `createImage` takes PNG, JPEG and GIF, the fake only the first two it can measure. */
function imageFileSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG_SIGNATURE) && bytes.byteLength >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (startsWith(bytes, ascii('GIF8')) && bytes.byteLength >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  throw new Error('Image type is unsupported');
}

export const solid = (r: number, g: number, b: number): SolidPaint => ({ type: 'SOLID', color: { r, g, b } });

export function createFakeFigma(options: FakeFigmaOptions = {}): FakeFigma {
  const exportNode = options.exportNode ?? (async () => new Uint8Array(PNG_SIGNATURE));
  const notifications: Notification[] = [];
  const storageWrites: { key: string; value: unknown }[] = [];
  const exports: ExportCall[] = [];
  const store = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const images = new Map<string, StoredImage>();
  const videos = new Map<string, Uint8Array>();
  const nodes = new Map<string, SceneNode>();
  const pageChildren: SceneNode[] = [];
  const events = new Map<string, Set<Handler>>();
  const messageHandlers = new Set<MessageEventHandler>();
  let selection: readonly SceneNode[] = [];
  let nextId = 1;
  let closed = false;

  const listeners = (type: string) => {
    let set = events.get(type);
    if (!set) events.set(type, (set = new Set()));
    return set;
  };
  const emit = (type: string) => listeners(type).forEach((h) => (h as () => void)());
  const once = (set: Set<Handler>, handler: Handler) => {
    const wrapped = ((...args: never[]) => {
      set.delete(wrapped);
      return handler(...args);
    }) as Handler;
    set.add(wrapped);
  };

  /** Moves a node under a new parent, as Figma's appendChild does. */
  const adopt = (parent: { children: SceneNode[] }, child: SceneNode) => {
    const old = (child as { parent: { children: SceneNode[] } | null }).parent;
    if (old) old.children.splice(old.children.indexOf(child), 1);
    parent.children.push(child);
    (child as { parent: unknown }).parent = parent;
    options.onCanvasChange?.();
  };

  const page = {
    type: 'PAGE',
    name: 'Page 1',
    children: pageChildren,
    appendChild: (child: SceneNode) => adopt(page, child),
    get selection() {
      return selection;
    },
    set selection(next: readonly SceneNode[]) {
      selection = [...next];
      // Figma reports selection changes after the fact, never inside the setter.
      queueMicrotask(() => emit('selectionchange'));
    },
  };

  const ui = {
    onmessage: undefined as MessageEventHandler | undefined,
    postMessage(message: unknown) {
      options.toUi?.(structuredClone(message));
    },
    on: (_type: 'message', handler: MessageEventHandler) => void messageHandlers.add(handler),
    once: (_type: 'message', handler: MessageEventHandler) => once(messageHandlers as Set<Handler>, handler),
    off: (_type: 'message', handler: MessageEventHandler) => void messageHandlers.delete(handler),
    resize() {},
    close() {},
  };

  const figma = {
    get command() {
      return options.command ?? '';
    },
    currentPage: page,
    ui,
    showUI(html: string, showOptions?: ShowUIOptions) {
      options.onShowUI?.(html, showOptions);
    },
    notify(text: string, notifyOptions?: NotificationOptions): NotificationHandler {
      const notification = { text, error: notifyOptions?.error === true };
      notifications.push(notification);
      options.onNotify?.(notification);
      return { cancel() {} };
    },
    clientStorage: {
      async getAsync(key: string) {
        return structuredClone(store.get(key));
      },
      async setAsync(key: string, value: unknown) {
        storageWrites.push({ key, value: structuredClone(value) });
        store.set(key, structuredClone(value));
      },
      async deleteAsync(key: string) {
        store.delete(key);
      },
      async keysAsync() {
        return [...store.keys()];
      },
    },
    getImageByHash(hash: string): Image | null {
      const image = images.get(hash);
      if (!image) return null;
      return {
        hash,
        getBytesAsync: async () => image.bytes.slice(),
        getSizeAsync: async () => ({ width: image.width, height: image.height }),
      };
    },
    createFrame(): FrameNode {
      const frame = addNode({ type: 'FRAME', name: 'Frame', width: 100, height: 100, fills: [solid(1, 1, 1)], children: [] });
      return frame as FrameNode;
    },
    createImage(bytes: Uint8Array): Image {
      const own = new Uint8Array(bytes);
      const hash = newHash();
      images.set(hash, { bytes: own, ...imageFileSize(own) });
      return figma.getImageByHash(hash)!;
    },
    async createVideoAsync(bytes: Uint8Array): Promise<Video> {
      if (options.videoAllowed === false) throw new Error(VIDEO_ERRORS.plan);
      if (!isVideoFile(bytes)) throw new Error(VIDEO_ERRORS.type);
      if (bytes.byteLength > VIDEO_MAX_BYTES) throw new Error(VIDEO_ERRORS.size);
      const hash = newHash();
      videos.set(hash, new Uint8Array(bytes));
      return { hash };
    },
    async getNodeByIdAsync(id: string) {
      return nodes.get(id) ?? null;
    },
    closePlugin() {
      closed = true;
      emit('close');
    },
    on: (type: string, handler: Handler) => void listeners(type).add(handler),
    once: (type: string, handler: Handler) => once(listeners(type), handler),
    off: (type: string, handler: Handler) => void listeners(type).delete(handler),
  };

  function makeNode(props: FakeNodeProps): SceneNode {
    const pluginData = { ...props.pluginData };
    let relaunchData: Record<string, string> = {};
    const node = {
      id: `1:${nextId++}`,
      type: props.type,
      name: props.name ?? props.type.toLowerCase(),
      width: props.width,
      height: props.height,
      x: props.x ?? 0,
      y: props.y ?? 0,
      parent: null as unknown,
      visible: props.visible ?? true,
      rotation: props.rotation ?? 0,
      opacity: props.opacity ?? 1,
      strokes: props.strokes ?? [],
      strokeWeight: props.strokeWeight ?? 1,
      effects: props.effects ?? [],
      ...(props.fills && { fills: props.fills }),
      ...(props.children && {
        children: props.children,
        appendChild: (child: SceneNode) => adopt(node as unknown as { children: SceneNode[] }, child),
      }),
      resize(width: number, height: number) {
        node.width = width;
        node.height = height;
      },
      ...(props.absoluteRenderBounds !== undefined && { absoluteRenderBounds: props.absoluteRenderBounds }),
      getPluginData: (key: string) => pluginData[key] ?? '',
      getPluginDataKeys: () => Object.keys(pluginData),
      setPluginData: (key: string, value: string) => void (pluginData[key] = value),
      getRelaunchData: () => ({ ...relaunchData }),
      setRelaunchData: (data: Record<string, string>) => void (relaunchData = { ...data }),
      async exportAsync(settings: ExportSettings = { format: 'PNG' }) {
        exports.push({ nodeId: node.id, settings });
        return exportNode(sceneNode, settings);
      },
    };
    const sceneNode = node as unknown as SceneNode;
    nodes.set(node.id, sceneNode);
    props.children?.forEach((child) => {
      nodes.set(child.id, child);
      (child as { parent: unknown }).parent = node;
    });
    return sceneNode;
  }

  function addNode(props: FakeNodeProps): SceneNode {
    const node = makeNode(props);
    page.appendChild(node);
    return node;
  }

  let nextHash = 1;
  const newHash = () => (nextHash++).toString(16).padStart(40, '0');
  function imageRect(
    image: StoredImage,
    extras: NodeExtras & { width?: number; height?: number; scaleMode?: ImagePaint['scaleMode'] } = {},
  ): SceneNode {
    const hash = newHash();
    images.set(hash, image);
    const { scaleMode = 'FILL', width = image.width, height = image.height, ...rest } = extras;
    const paint: ImagePaint = { type: 'IMAGE', scaleMode, imageHash: hash };
    return addNode({ type: 'RECTANGLE', name: 'Image', fills: [paint], ...rest, width, height });
  }

  return {
    figma: figma as unknown as PluginAPI,
    notifications,
    storageWrites,
    exports,
    get closed() {
      return closed;
    },
    storage: () => Object.fromEntries([...store].map(([k, v]) => [k, structuredClone(v)])),
    fromUi(message: unknown) {
      const cloned = structuredClone(message);
      const props: OnMessageProperties = { origin: 'null' };
      ui.onmessage?.(cloned, props);
      messageHandlers.forEach((handler) => handler(cloned, props));
    },
    select(next) {
      page.selection = next;
    },
    nodeById: (id) => nodes.get(id),
    imageOf(node) {
      const paint = 'fills' in node && Array.isArray(node.fills) ? (node.fills as Paint[])[0] : undefined;
      return paint?.type === 'IMAGE' && paint.imageHash ? images.get(paint.imageHash) : undefined;
    },
    videoBytes: (hash) => videos.get(hash),
    addNode,
    imageRect,
    frame: ({ width = 800, height = 600, ...extras } = {}) =>
      addNode({
        type: 'FRAME',
        name: 'Frame',
        width,
        height,
        fills: [solid(1, 1, 1)],
        children: [
          makeNode({ type: 'RECTANGLE', name: 'Card', width: width / 2, height: height / 2, fills: [solid(0.2, 0.4, 0.9)] }),
          makeNode({ type: 'TEXT', name: 'Title', width: width / 3, height: 40, fills: [solid(0, 0, 0)] }),
        ],
        ...extras,
      }),
    invisible: (extras = {}) =>
      addNode({ type: 'RECTANGLE', name: 'Hidden', width: 200, height: 100, fills: [solid(1, 0, 0)], visible: false, ...extras }),
    emptyVector: (extras = {}) => addNode({ type: 'VECTOR', name: 'Empty vector', width: 120, height: 80, fills: [], ...extras }),
    zeroSize: (extras = {}) =>
      addNode({ type: 'RECTANGLE', name: 'Zero size', width: 0, height: 0, fills: [solid(0, 0, 0)], ...extras }),
    huge: (extras = {}) =>
      addNode({ type: 'FRAME', name: 'Huge', width: 2_000_000, height: 1_000_000, fills: [solid(0.9, 0.9, 0.9)], ...extras }),
  };
}
