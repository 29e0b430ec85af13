// Reads the binary assets build.mjs inlined into ui.html as gzip+base64 data
// blocks. Nothing is fetched: the bytes are in the document already.

function base64ToBytes(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The data blocks follow the UI script in the document: wait until they are parsed. */
const parsed = new Promise<void>((resolve) => {
  if (document.readyState !== 'loading') resolve();
  else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
});

export async function readAsset(name: string): Promise<Uint8Array> {
  await parsed;
  const block = document.querySelector<HTMLScriptElement>(`script[data-asset="${name}"]`);
  if (!block?.textContent) throw new Error(`Asset ${name} is missing from this build.`);
  const packed = new Blob([base64ToBytes(block.textContent.trim()) as Uint8Array<ArrayBuffer>]);
  const stream = packed.stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The names of the inlined assets whose name starts with prefix, in document order. */
export async function assetNames(prefix: string): Promise<string[]> {
  await parsed;
  return [...document.querySelectorAll<HTMLScriptElement>('script[data-asset]')].map((s) => s.dataset.asset!).filter((name) => name.startsWith(prefix));
}

export async function readTextAsset(name: string): Promise<string> {
  return new TextDecoder().decode(await readAsset(name));
}
