// Memory of a process tree from Linux's /proc: the parsing (pure) and one
// sample of every descendant of a process. PSS (proportional set size) shares
// each shared page among the processes mapping it, so it sums to what a tree
// really holds; RSS sums count shared pages once per process.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
}

/** /proc/PID/stat: "pid (comm) state ppid …"; comm may itself hold spaces and parentheses. */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${text.slice(0, 40)}`);
  const fields = text.slice(close + 2).trim().split(/\s+/);
  return { pid: Number(text.slice(0, open)), comm: text.slice(open + 1, close), ppid: Number(fields[1]) };
}

/** /proc/PID/smaps_rollup (or status): the "Rss:" and "Pss:" lines, in kB; 0 where absent. */
export function parseMemory(text: string): { rssKb: number; pssKb: number } {
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rssKb: kb('Rss') || kb('VmRSS'), pssKb: kb('Pss') };
}

/** Every process below root (not root itself), from a list of stats. */
export function descendants(stats: readonly ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const found: ProcStat[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** Summed RSS and PSS (MB) of every process below root, now. */
export function treeMemory(root: number): { processes: number; rssMb: number; pssMb: number } {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const text = readProc(`/proc/${name}/stat`);
    if (text) stats.push(parseStat(text));
  }
  let rssKb = 0;
  let pssKb = 0;
  let processes = 0;
  for (const p of descendants(stats, root)) {
    const text = readProc(`/proc/${p.pid}/smaps_rollup`) ?? readProc(`/proc/${p.pid}/status`);
    if (!text) continue;
    const m = parseMemory(text);
    rssKb += m.rssKb;
    pssKb += m.pssKb || m.rssKb;
    processes++;
  }
  return { processes, rssMb: rssKb / 1024, pssMb: pssKb / 1024 };
}

/** Samples the tree every intervalMs until stopped; stop() gives the peaks. */
export function sampleTreeMemory(root: number, intervalMs = 100): { stop(): { rssMb: number; pssMb: number; samples: number } } {
  let peak = { rssMb: 0, pssMb: 0 };
  let samples = 0;
  const take = () => {
    const m = treeMemory(root);
    peak = { rssMb: Math.max(peak.rssMb, m.rssMb), pssMb: Math.max(peak.pssMb, m.pssMb) };
    samples++;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { ...peak, samples };
    },
  };
}
