// The harness's static server, on 127.0.0.1 only: the playground page, the
// built plugin (dist/) and the sample photos (test/fixtures/, images only).
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
};
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

export interface StaticServer {
  /** Base URL, ending in a slash. */
  url: string;
  close(): Promise<void>;
}

/** `dist`: where the built plugin is (default: root/dist). */
export async function startServer({ root, dist: distDir, port = 0 }: { root: string; dist?: string; port?: number }): Promise<StaticServer> {
  const dist = resolve(root, distDir ?? 'dist');
  const fixtures = resolve(root, 'test', 'fixtures');
  const page = resolve(root, 'host', 'harness.html');

  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(response, 405);
    const path = safePath(request.url ?? '/');
    if (path === null) return fail(response, 400);
    const headOnly = request.method === 'HEAD';
    if (path.length === 0) return void sendFile(response, page, headOnly);
    const [area, ...rest] = path;
    if (area === 'dist' && rest.length > 0) return void sendFile(response, join(dist, ...rest), headOnly);
    const [name, ...deeper] = rest;
    if (area === 'fixtures' && name !== undefined && deeper.length === 0) {
      if (name === 'index.json') {
        return void listImages(fixtures).then(
          (names) => sendJson(response, names, headOnly),
          () => fail(response, 404),
        );
      }
      if (IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) return void sendFile(response, join(fixtures, name), headOnly);
    }
    fail(response, 404);
  });

  await new Promise<void>((ready, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', ready);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The URL's path segments, or null when it could leave the served folders. */
function safePath(url: string): string[] | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const segments = pathname.split('/').filter((s) => s.length > 0);
  const unsafe = segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'));
  return unsafe ? null : segments;
}

async function listImages(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
}

const baseHeaders = (type: string) => ({
  'Content-Type': type,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
});

async function sendFile(response: ServerResponse, file: string, headOnly: boolean): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return fail(response, 404);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, { ...baseHeaders(type), 'Content-Length': info.size });
  if (headOnly) return void response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

function sendJson(response: ServerResponse, value: unknown, headOnly: boolean): void {
  const body = JSON.stringify(value);
  response.writeHead(200, { ...baseHeaders(CONTENT_TYPES['.json']!), 'Content-Length': Buffer.byteLength(body) });
  response.end(headOnly ? undefined : body);
}

function fail(response: ServerResponse, status: number): void {
  const body = `${status}\n`;
  response.writeHead(status, { ...baseHeaders('text/plain; charset=utf-8'), 'Content-Length': body.length });
  response.end(body);
}
