// Prints the scale bench: one column per network size, each figure with its target and whether the
// largest size meets it. Repeated figures show their median and range (the box is shared and noisy).
import type { NetworkFigures } from './scale-network-run.js';
import type { ServeFigures } from './scale-serve.js';
import { percentile } from './measure.js';
import type { ScaleShape } from './scale-network.js';

const med = (list: readonly number[]): number => percentile(list, 50);
const range = (list: readonly number[], unit: (v: number) => string): string =>
  list.length < 2 ? unit(list[0] ?? Number.NaN) : `${unit(med(list))} (${unit(Math.min(...list))}–${unit(Math.max(...list))})`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const msText = (ms: number): string => `${ms.toFixed(0)} ms`;
const kb = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

interface Row {
  readonly label: string;
  readonly cell: (f: NetworkFigures) => string;
  /** The target, and whether the largest network meets it (judged against the smallest where relative). */
  readonly target?: (largest: NetworkFigures, smallest: NetworkFigures) => { text: string; ok: boolean };
}

const serve = (f: NetworkFigures): ServeFigures => {
  if (f.serve === undefined) throw new Error('no serving figures');
  return f.serve;
};

const horizonRows: Row[] = [
  { label: 'network apply (all new)', cell: (f) => sec(f.applyMs) },
  {
    label: 'horizon advance, first build',
    cell: (f) => `${sec(f.firstAdvanceMs)}${f.rows ? ` (${(f.rows.slots / f.channels).toFixed(0)} slots, ${(f.rows.events / f.channels).toFixed(0)} events a channel)` : ''}`,
    target: (l) => ({ text: '< 30 s', ok: l.firstAdvanceMs < 30_000 }),
  },
  {
    label: 'horizon advance, all built',
    cell: (f) => range(f.advanceMs, sec),
    target: (l) => ({ text: '< 30 s', ok: Math.max(...l.advanceMs) < 30_000 }),
  },
];

const serveRows: Row[] = [
  { label: 'serve: listening / first pass done', cell: (f) => `${sec(serve(f).listenMs)} / +${sec(serve(f).settleMs)}` },
  {
    label: 'server RSS (idle / 3 watched)',
    cell: (f) => `${serve(f).idle.rssMb.toFixed(0)} / ${serve(f).watched.rssMb.toFixed(0)} MB`,
    target: (l) => ({ text: '< 250 MB', ok: Math.max(serve(l).idle.rssMb, serve(l).watched.rssMb) < 250 }),
  },
  {
    label: 'server CPU, nobody watching',
    cell: (f) => `${serve(f).idle.cpu.toFixed(1)} % (${serve(f).idle.seconds} s)`,
    target: (l) => ({ text: '~0 (< 1 % of a core)', ok: serve(l).idle.cpu < 1 }),
  },
  {
    label: 'server CPU, 3 channels watched',
    cell: (f) => `${serve(f).watched.cpu.toFixed(1)} % (${serve(f).watched.seconds} s)`,
    target: (l, s) => ({ text: 'the smaller network\'s + 2 points', ok: serve(l).watched.cpu <= serve(s).watched.cpu + 2 }),
  },
  { label: 'GET /lineup.json', cell: (f) => `${range(serve(f).lineupMs, msText)}, ${kb(serve(f).lineupBytes)}` },
  { label: 'GET /epg.xml', cell: (f) => `${range(serve(f).epgMs, msText)}, ${kb(serve(f).epgBytes)}` },
  {
    label: 'tune-in, first TS byte p50',
    cell: (f) => `${msText(med(serve(f).tuneMs))} (${msText(Math.min(...serve(f).tuneMs))}–${msText(Math.max(...serve(f).tuneMs))}, ${serve(f).tuneMs.length} channels)`,
    target: (l, s) => ({ text: 'within noise: ≤ the smaller network\'s slowest', ok: med(serve(l).tuneMs) <= Math.max(...serve(s).tuneMs) }),
  },
];

function table(title: string, figures: readonly NetworkFigures[], rows: readonly Row[]): void {
  const largest = figures[figures.length - 1];
  const smallest = figures[0];
  if (largest === undefined || smallest === undefined) return;
  console.log(title);
  console.log(`  ${''.padEnd(36)}${figures.map((f) => `${f.channels.toLocaleString('en')} channels`.padEnd(44)).join('')}target (at ${largest.channels.toLocaleString('en')})`);
  for (const row of rows) {
    const target = row.target?.(largest, smallest);
    console.log(`  ${row.label.padEnd(36)}${figures.map((f) => row.cell(f).padEnd(44)).join('')}${target ? `${target.text}: ${met(target.ok)}` : ''}`);
  }
}

export function printScale(shape: ScaleShape, server: readonly NetworkFigures[], embedded: readonly NetworkFigures[]): void {
  const described = shape === 'real' ? 'a real channel\'s density (30-minute grid, synthetic programmes, demo series at noon, demo breaks)' : 'the demo network\'s density (one-minute grid, demo media)';
  console.log(`Scale: channels at ${described}, at each size, through the built binary`);
  console.log('  server CPU and RSS are the `runtime serve` process\'s own (/proc utime+stime, VmRSS): engines and ffmpeg excluded');
  console.log('  horizon advance: wall time of `retrovue horizon advance` (3 days, 6 h), process start included; "all built": nothing new to build, what the runtime\'s timer does');
  table('  on the Postgres server (a fresh database per size, created and dropped by the bench):', server, [...horizonRows, ...serveRows]);
  if (embedded.length > 0) table('  on embedded PGlite (RETROVUE_HOME of its own; RETROVUE_BENCH_SCALE_PGLITE sets the sizes):', embedded, horizonRows);
}
