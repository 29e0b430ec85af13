// What the benchmark ran on: figures mean little without it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { findChromium } from '../cli/chromium';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  platform: string;
  node: string;
  chromium: string | null;
}

function cpuModel(): string {
  const fromOs = os.cpus()[0]?.model?.trim();
  if (fromOs) return fromOs;
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The version `chromium --version` prints (a page's user agent gives only the major version). */
export function chromiumVersion(versionLine: string): string | null {
  return /(\d+\.\d+\.\d+\.\d+)/.exec(versionLine)?.[1] ?? null;
}

function installedChromium(): string | null {
  try {
    return chromiumVersion(spawnSync(findChromium(), ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '');
  } catch {
    return null;
  }
}

export function describeMachine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: cpuModel(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    chromium: installedChromium(),
  };
}
