// Saves finished clips through a short-lived blob: URL: one file, or a batch as one zip.
import { zipSync } from 'fflate';

const EXTENSIONS: Readonly<Record<string, string>> = { 'video/mp4': 'mp4', 'video/webm': 'webm', 'image/gif': 'gif' };

/** The file type without parameters (`video/webm; codecs=vp9` → `video/webm`). */
export const baseType = (mimeType: string) => mimeType.split(';')[0]!.trim().toLowerCase();

/** The file extension for a clip's MIME type. */
export const extensionFor = (mimeType: string): string => EXTENSIONS[baseType(mimeType)] ?? 'bin';

/** The label of a download button: MP4, WebM or GIF. */
export const formatLabel = (mimeType: string): string => ({ mp4: 'MP4', webm: 'WebM', gif: 'GIF' })[extensionFor(mimeType)] ?? 'clip';

/** A file name from the node's name, the template and the size, safe on every OS. */
export function clipFileName(nodeName: string, template: string, width: number, height: number, mimeType: string): string {
  const base = nodeName.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'clip';
  return `${base}-${template}-${width}x${height}.${extensionFor(mimeType)}`;
}

/** The names with a counter added to repeats (`a.mp4`, `a-2.mp4`), so no file in a zip replaces another. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** One zip of the clips, stored without compression: MP4, WebM and GIF are compressed already. */
export function zipClips(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const names = uniqueNames(files.map((f) => f.name));
  return zipSync(Object.fromEntries(files.map((f, i) => [names[i]!, [f.bytes, { level: 0 }] as const])));
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
