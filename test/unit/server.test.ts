import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StaticServer } from '../../host/server';

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise it). */
function get(
  server: StaticServer,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method }, (response) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('startServer', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stillmotion-server-'));
    for (const dir of ['host', 'dist/nested', 'test/fixtures']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'host/harness.html'), '<!doctype html><title>playground</title>');
    writeFileSync(join(root, 'dist/code.js'), 'figma;');
    writeFileSync(join(root, 'dist/ui.html'), '<p>ui</p>');
    writeFileSync(join(root, 'dist/nested/model.wasm'), 'wasm');
    writeFileSync(join(root, 'test/fixtures/cat.png'), 'png');
    writeFileSync(join(root, 'test/fixtures/rocket.jpg'), 'jpg');
    writeFileSync(join(root, 'test/fixtures/README.md'), '# secret');
    writeFileSync(join(root, 'package.json'), '{"private":true}');
    server = await startServer({ root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the playground, dist/ and fixture images with their types, never cached', async () => {
    const cases: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', '<!doctype html><title>playground</title>'],
      ['/?host=secure', 'text/html; charset=utf-8', '<!doctype html><title>playground</title>'],
      ['/dist/code.js', 'text/javascript; charset=utf-8', 'figma;'],
      ['/dist/ui.html', 'text/html; charset=utf-8', '<p>ui</p>'],
      ['/dist/nested/model.wasm', 'application/wasm', 'wasm'],
      ['/fixtures/cat.png', 'image/png', 'png'],
      ['/fixtures/rocket.jpg', 'image/jpeg', 'jpg'],
    ];
    for (const [path, type, body] of cases) {
      const response = await get(server, path);
      expect([path, response.status, response.headers['content-type'], response.body]).toEqual([path, 200, type, body]);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('lists the fixture images, and only images', async () => {
    const response = await get(server, '/fixtures/index.json');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual(['cat.png', 'rocket.jpg']);
    expect((await get(server, '/fixtures/README.md')).status).toBe(404);
  });

  it('refuses to leave its folders', async () => {
    for (const path of [
      '/dist/../package.json',
      '/dist/%2e%2e/package.json',
      '/dist/..%2fpackage.json',
      '/fixtures/..%2f..%2fpackage.json',
      '/dist/..%5cpackage.json',
      '/dist/%00code.js',
      '/package.json',
      '/host/harness.html',
      '/test/fixtures/cat.png',
    ]) {
      const response = await get(server, path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('private');
    }
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await get(server, '/dist/missing.js')).status).toBe(404);
    expect((await get(server, '/dist')).status).toBe(404);
    expect((await get(server, '/', 'POST')).status).toBe(405);
    const head = await get(server, '/dist/code.js', 'HEAD');
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '6', '']);
  });
});
