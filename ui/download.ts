// Saves a finished clip through a short-lived blob: URL.

import type { Format } from '../engine/params';

/** A file name from the node's name, the template and the size, safe on every OS; the extension is the format's. */
export function clipFileName(nodeName: string, template: string, width: number, height: number, format: Format): string {
  const base = nodeName.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'clip';
  return `${base}-${template}-${width}x${height}.${format}`;
}

export function downloadBytes(bytes: Uint8Array, name: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has taken its copy once the click is processed; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
