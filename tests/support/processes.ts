// What processes live where, read from /proc: the descendants of a process, and whether a pid still runs
// (a zombie, dead but not yet reaped by whoever adopted it, counts as gone).
import { readdirSync, readFileSync } from 'node:fs';

interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly command: string;
}

function entries(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), state: fields[0] ?? '?', command: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** Every live descendant of `pid`, with its command name. */
export function descendants(pid: number): Array<{ pid: number; command: string }> {
  const all = entries().filter((e) => e.state !== 'Z');
  const found: Array<{ pid: number; command: string }> = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const e of all.filter((x) => x.ppid === parent)) {
      found.push({ pid: e.pid, command: e.command });
      frontier.push(e.pid);
    }
  }
  return found;
}

/** Live processes named `command` whose command line mentions `text` (e.g. a test's RETROVUE_HOME). */
export function processesMentioning(command: string, text: string): number[] {
  return entries()
    .filter((e) => e.state !== 'Z' && e.command === command)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e.pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // exited while we looked
      }
    })
    .map((e) => e.pid);
}

export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves with the pids of `pids` still alive once all are gone or `withinMs` has passed. */
export async function survivors(pids: readonly number[], withinMs: number): Promise<number[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || performance.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
