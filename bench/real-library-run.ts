// Running one ffmpeg of the real-library bench as fast as it goes: wall time, the media it made (from
// -progress, so a run stopped at the wall cap still counts), and the CPU it used (this process's reaped
// children, read from /proc: runs are sequential, so the difference is that one ffmpeg's).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface RunFigures {
  readonly mediaSeconds: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** The 1-minute load average when the run began. */
  readonly load: number;
  /** The share of the machine's CPU (all cores) that other processes used during the run, 0..1. */
  readonly others: number;
}

export const rtf = (f: RunFigures): number => f.mediaSeconds / f.wallSeconds;
export const cpuPerSecond = (f: RunFigures): number => f.cpuSeconds / f.mediaSeconds;

/** User + system CPU seconds of this process's reaped children (Linux clock ticks of 100 Hz). */
export function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Busy CPU seconds of the whole machine, all cores (/proc/stat: all but idle and iowait). */
function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * Runs `ffmpeg args` (whose output is pipe:1, drained as fast as it comes, or a file), stopping it after
 * `capSeconds` of wall time; `expectSeconds` is the media a full run makes.
 */
export function runFfmpeg(args: readonly string[], expectSeconds: number, capSeconds: number): Promise<RunFigures> {
  const load = loadavg()[0] ?? 0;
  const cpu0 = childrenCpuSeconds();
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  const child = spawn('ffmpeg', ['-progress', 'pipe:2', '-nostats', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.resume();
  let outTime = 0;
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) {
      const match = /^out_time_us=(\d+)/.exec(line);
      if (match !== null) outTime = Math.max(outTime, Number(match[1]) / 1e6);
      else if (!line.includes('=') && line.trim() !== '') errors += `${line}\n`;
    }
  });
  const cap = setTimeout(() => child.kill('SIGTERM'), capSeconds * 1000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(cap);
      const wallSeconds = (performance.now() - t0) / 1000;
      const stopped = signal !== null || code === 255;
      if (code !== 0 && !stopped) {
        reject(new Error(`ffmpeg exited ${code}: ${errors.slice(-400)}`));
        return;
      }
      const mediaSeconds = stopped ? outTime : Math.max(outTime, expectSeconds);
      const cpuSeconds = childrenCpuSeconds() - cpu0;
      const others = Math.max(0, machineBusySeconds() - busy0 - cpuSeconds) / (wallSeconds * availableParallelism());
      resolve({ mediaSeconds, wallSeconds, cpuSeconds, load, others });
    });
  });
}
