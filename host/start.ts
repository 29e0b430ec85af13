// `npm start`: builds the plugin, serves the playground and opens it.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8731;

function run(command: string, args: string[]): Promise<number> {
  return new Promise((done, reject) => {
    spawn(command, args, { cwd: root, stdio: 'inherit' })
      .on('error', reject)
      .on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** Opens the URL in a browser when there is a screen to show it on; failures don't matter. */
function openBrowser(url: string): void {
  const hasDisplay = process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return;
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

const built = await run(process.execPath, ['build.mjs']);
if (built !== 0) process.exit(built);

const server = await startServer({ root, port: Number(process.env.PORT) || DEFAULT_PORT });
console.log(`\nStillmotion playground:
  ${server.url}              the UI as Figma shows it (data: document, not a secure context)
  ${server.url}?host=secure  the UI in a secure context (WebCodecs, WebGPU)
Ctrl-C stops it.`);
openBrowser(server.url);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
