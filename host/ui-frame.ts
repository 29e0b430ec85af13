// Shows the plugin UI in an iframe and carries messages as Figma does: the UI
// receives `{ pluginMessage }` events from its parent and posts
// `{ pluginMessage }` back.
import type { HostMode } from './harness-api';

/** Figma's CSP for a plugin whose network access is "none", plus what wasm needs. */
export const UI_CSP = "default-src data: blob: 'unsafe-inline' 'wasm-unsafe-eval'";
/** Characters per document.write: about what a navigation parses between yields. */
const WRITE_PIECE = 256 * 1024;
const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${UI_CSP}">`;

/*
 * Figma loads the UI from a data: URL. Chromium refuses to navigate an iframe
 * to a data: URL over 2 MB (measured: a 4 MB one never loads), and the built
 * UI is ~20 MB. So the iframe loads this small data: document, which asks for
 * the UI's HTML and writes it into itself. The UI keeps Figma's conditions:
 * an opaque "null" origin, no secure context (so no WebCodecs or WebGPU), and
 * the CSP above (verified: a fetch to localhost is blocked as a CSP violation).
 * It writes the HTML in pieces, yielding between them, as a navigation's parser
 * does: one 20 MB write would parse everything before the first paint.
 */
const BOOT_DOCUMENT = `${CSP_META}<script>
addEventListener('message', function boot(event) {
  if (event.source !== parent || !event.data || typeof event.data.harnessHtml !== 'string') return;
  removeEventListener('message', boot);
  // When the UI got its HTML (this window survives document.open): tests time the start from here.
  window.harnessHtmlAt = performance.now();
  var html = event.data.harnessHtml, at = 0, PIECE = ${WRITE_PIECE};
  document.open();
  (function writePiece() {
    document.write(html.slice(at, at += PIECE));
    if (at < html.length) setTimeout(writePiece, 0);
    else document.close();
  })();
});
parent.postMessage({ harnessBoot: 'ready' }, '*');
</script>`;

export interface UiFrameOptions {
  mode: HostMode;
  html: string;
  container: HTMLElement;
  width: number;
  height: number;
  /** Called with each `pluginMessage` the UI posts. */
  onMessage: (message: unknown) => void;
}

export interface UiFrame {
  readonly iframe: HTMLIFrameElement;
  /** Posts to the UI; held back until the UI's document is in place. */
  post(message: unknown): void;
}

export function openUiFrame(options: UiFrameOptions): UiFrame {
  const iframe = document.createElement('iframe');
  iframe.title = 'Stillmotion plugin UI';
  iframe.width = String(options.width);
  iframe.height = String(options.height);
  const pending: unknown[] = [];
  let loaded = false;

  const deliver = (message: unknown) => iframe.contentWindow?.postMessage({ pluginMessage: message }, '*');
  const markLoaded = () => {
    loaded = true;
    pending.splice(0).forEach(deliver);
  };

  addEventListener('message', (event) => {
    if (event.source === null || event.source !== iframe.contentWindow) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object') return;
    if ('harnessBoot' in data && options.mode === 'figma' && !loaded) {
      iframe.contentWindow?.postMessage({ harnessHtml: options.html }, '*');
      // Messages arrive in order: these follow the HTML into the written document.
      markLoaded();
    } else if ('pluginMessage' in data) {
      options.onMessage(data.pluginMessage);
    }
  });

  if (options.mode === 'figma') {
    iframe.src = `data:text/html;base64,${btoa(BOOT_DOCUMENT)}`;
  } else {
    // A blob: document shares the page's origin: a secure context, like a web host. (Not srcdoc:
    // a 20 MB attribute on the iframe made every DevTools query about it, so every test click, take seconds.)
    const url = URL.createObjectURL(new Blob([CSP_META + options.html], { type: 'text/html' }));
    iframe.addEventListener(
      'load',
      () => {
        URL.revokeObjectURL(url);
        markLoaded();
      },
      { once: true },
    );
    iframe.src = url;
  }
  options.container.append(iframe);

  return {
    iframe,
    post(message) {
      if (loaded) deliver(message);
      else pending.push(message);
    },
  };
}
