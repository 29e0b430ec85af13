// Rebuilds dist/ when it is missing or older than any source it is made from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['plugin', 'ui', 'engine', 'host', 'models', 'build.mjs', 'package-lock.json'];
const OUTPUTS = ['dist/code.js', 'dist/ui.html', 'dist/harness.js'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

export function buildIfStale(root: string, log: (line: string) => void): void {
  const outputs = OUTPUTS.map((p) => join(root, p));
  const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sources = Math.max(...SOURCES.map((p) => join(root, p)).filter(existsSync).map(newest));
  if (built > sources) return;
  log('Building the plugin (dist/ is missing or older than the sources)…');
  const result = spawnSync(process.execPath, [join(root, 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('The build failed (see above).');
}
