// The playground around the plugin: a stand-in for the Figma canvas (click to
// select, shift-click to add), sample photos, a file picker, drag and drop,
// and Figma's toasts. Plain DOM over the elements in harness.html.
import type { Notification, StoredImage } from './fake-figma';
import type { HostMode } from './harness-api';

export interface PlaygroundModel {
  mode: HostMode;
  nodes(): readonly SceneNode[];
  selection(): readonly SceneNode[];
  imageOf(node: SceneNode): StoredImage | undefined;
  select(ids: readonly string[]): void;
  addImage(name: string, bytes: Uint8Array, select: boolean): Promise<string>;
}

export interface Playground {
  /** Redraws the canvas from the model. */
  render(): void;
  toast(notification: Notification): void;
}

const TOASTS_KEPT = 8;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`harness.html has no #${id}`);
  return found as T;
}

export function mountPlayground(model: PlaygroundModel): Playground {
  const canvas = element('canvas');
  const toasts = element('toasts');
  const thumbnails = new Map<string, string>();

  const toast = ({ text, error }: Notification) => {
    const item = document.createElement('li');
    item.textContent = text;
    item.classList.toggle('error', error);
    toasts.prepend(item);
    while (toasts.children.length > TOASTS_KEPT) toasts.lastElementChild?.remove();
  };

  const thumbnail = (node: SceneNode): string | undefined => {
    const image = model.imageOf(node);
    if (!image) return undefined;
    let url = thumbnails.get(node.id);
    if (!url) thumbnails.set(node.id, (url = URL.createObjectURL(new Blob([image.bytes]))));
    return url;
  };

  const render = () => {
    const selected = new Set(model.selection().map((n) => n.id));
    const tiles = model.nodes().map((node) => {
      const tile = document.createElement('button');
      tile.className = 'tile';
      tile.setAttribute('aria-pressed', String(selected.has(node.id)));
      tile.title = 'Click to select, shift-click to add to the selection';
      const url = thumbnail(node);
      const preview = document.createElement(url ? 'img' : 'span');
      preview.className = 'preview';
      if (preview instanceof HTMLImageElement && url) {
        preview.src = url;
        preview.alt = '';
      } else {
        preview.textContent = node.type.toLowerCase();
      }
      const caption = document.createElement('span');
      caption.className = 'caption';
      caption.textContent = `${node.name} · ${Math.round(node.width)}×${Math.round(node.height)}`;
      tile.append(preview, caption);
      tile.addEventListener('click', (event) => {
        const ids = event.shiftKey ? [...selected] : [];
        if (!ids.includes(node.id)) ids.push(node.id);
        model.select(ids);
      });
      return tile;
    });
    if (tiles.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'Nothing here yet: add a sample photo below, pick a file, or drop an image on the page.';
      canvas.replaceChildren(empty);
    } else {
      canvas.replaceChildren(...tiles);
    }
  };

  const addFiles = async (files: readonly File[]) => {
    const ids: string[] = [];
    for (const file of files.filter((f) => f.type.startsWith('image/'))) {
      try {
        ids.push(await model.addImage(file.name, new Uint8Array(await file.arrayBuffer()), false));
      } catch {
        toast({ text: `Could not read “${file.name}” as an image.`, error: true });
      }
    }
    if (ids.length > 0) model.select(ids);
  };

  element<HTMLInputElement>('file').addEventListener('change', (event) => {
    const input = event.currentTarget as HTMLInputElement;
    void addFiles([...(input.files ?? [])]).finally(() => (input.value = ''));
  });
  document.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dropping');
    void addFiles([...(event.dataTransfer?.files ?? [])]);
  });

  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-mode]')) {
    if (link.dataset.mode === model.mode) link.setAttribute('aria-current', 'page');
  }
  void showFixtures(model, toast);
  render();
  return { render, toast };
}

/** The bundled sample photos, as buttons that add and select one. */
async function showFixtures(model: PlaygroundModel, toast: (n: Notification) => void): Promise<void> {
  const row = element('fixtures');
  try {
    const names: string[] = await (await fetch('/fixtures/index.json')).json();
    row.replaceChildren(
      ...names.map((name) => {
        const button = document.createElement('button');
        button.className = 'fixture';
        button.title = `Add ${name} to the canvas and select it`;
        const img = document.createElement('img');
        img.src = `/fixtures/${encodeURIComponent(name)}`;
        img.alt = name;
        button.append(img);
        button.addEventListener('click', async () => {
          const response = await fetch(img.src);
          await model.addImage(name, new Uint8Array(await response.arrayBuffer()), true);
        });
        return button;
      }),
    );
  } catch (error) {
    toast({ text: `Could not list the sample photos: ${String(error)}`, error: true });
  }
}
