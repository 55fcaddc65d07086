// The soak's view of processes, from /proc: the served network's tree (the server, and its engines and
// their ffmpeg) with each one's VmRSS, and every process of one RetroVue home (its RETROVUE_HOME in the
// environment or the home's path on its command line), to find what is left after the server stops.
import { readdirSync, readFileSync } from 'node:fs';

/** Child processes the soak started (server, decoders), so a signal can end each of them by its pid. */
export const soakChildren = new Set<{ kill(signal?: NodeJS.Signals): boolean }>();

export interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  readonly command: string;
  readonly rssKb: number;
}

function row(pid: number): ProcessRow | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '').join(' ');
    return { pid, ppid: Number(fields[1]), command, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
  } catch {
    return undefined; // gone meanwhile
  }
}

const pids = (): number[] => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);

/** `root` and every descendant (tsx's esbuild service, no playout process, is not counted). */
export function processTree(root: number): { root: ProcessRow | undefined; descendants: ProcessRow[] } {
  const all = pids().map(row).filter((r): r is ProcessRow => r !== undefined);
  const descendants: ProcessRow[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const r of all.filter((x) => x.ppid === parent)) {
      if (!r.command.includes('esbuild')) descendants.push(r);
      frontier.push(r.pid);
    }
  }
  return { root: all.find((r) => r.pid === root), descendants };
}

export interface RssSample {
  readonly atS: number;
  readonly serverMb: number;
  /** AIR engines and their ffmpeg children, summed. */
  readonly enginesMb: number;
  readonly engineProcesses: number;
}

export function sampleRss(serverPid: number, atS: number): RssSample {
  const tree = processTree(serverPid);
  return {
    atS,
    serverMb: (tree.root?.rssKb ?? 0) / 1024,
    enginesMb: tree.descendants.reduce((n, r) => n + r.rssKb, 0) / 1024,
    engineProcesses: tree.descendants.length,
  };
}

/** Live processes of the RetroVue home `home`, this process excluded. */
export function processesOfHome(home: string): ProcessRow[] {
  return pids().filter((pid) => pid !== process.pid && belongsTo(pid, home)).map(row).filter((r): r is ProcessRow => r !== undefined);
}

function belongsTo(pid: number, home: string): boolean {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(home)) return true;
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`RETROVUE_HOME=${home}`);
  } catch {
    return false;
  }
}
