import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendants, parseMemory, parseStat, treeMemory } from '../../bench/proc-memory';

describe('parseStat', () => {
  it('reads pid, parent and a name with spaces and parentheses in it', () => {
    expect(parseStat('4242 (Chrome (GPU) x) S 4200 4242 1 0 -1 4194560 2')).toEqual({ pid: 4242, ppid: 4200, comm: 'Chrome (GPU) x' });
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseStat('garbage')).toThrow();
  });
});

describe('parseMemory', () => {
  it('reads Rss and Pss from smaps_rollup, in kB', () => {
    const text = '56304fd3a000-7ffc4bf70000 ---p 00000000 00:00 0   [rollup]\nRss:                1696 kB\nPss:                 175 kB\nPss_Dirty:           112 kB\n';
    expect(parseMemory(text)).toEqual({ rssKb: 1696, pssKb: 175 });
  });

  it('falls back to VmRSS from status, with no PSS', () => {
    expect(parseMemory('Name:\tchrome\nVmRSS:\t  20480 kB\n')).toEqual({ rssKb: 20480, pssKb: 0 });
  });
});

describe('descendants', () => {
  it('walks the whole tree below the root and nothing beside it', () => {
    const stats = [
      { pid: 1, ppid: 0, comm: 'init' },
      { pid: 10, ppid: 1, comm: 'node' },
      { pid: 11, ppid: 10, comm: 'chrome' },
      { pid: 12, ppid: 11, comm: 'renderer' },
      { pid: 13, ppid: 11, comm: 'gpu' },
      { pid: 20, ppid: 1, comm: 'other' },
    ];
    expect(descendants(stats, 10).map((s) => s.pid).sort()).toEqual([11, 12, 13]);
  });
});

describe('treeMemory', () => {
  it('counts a child process this test starts', async () => {
    const child = spawn('sleep', ['5']);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const m = treeMemory(process.pid);
      expect(m.processes).toBeGreaterThanOrEqual(1);
      expect(m.rssMb).toBeGreaterThan(0);
      expect(m.pssMb).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});
