// The soak's figures: printed per channel beside the targets of a 60-minute soak, and written as JSON to
// bench/results/soak.json. Targets are read by people; nothing here fails a build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsRunFigures } from './soak-asrun.js';
import type { ChurnFigures } from './soak-churn.js';
import type { HlsFigures } from './soak-hls-viewer.js';
import type { ProcessRow, RssSample } from './soak-processes.js';
import type { TsFigures } from './soak-ts-viewer.js';
import { percentile } from './measure.js';

export interface SoakFigures {
  readonly minutes: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly interrupted: boolean;
  readonly base: string;
  readonly realtime: TsFigures;
  readonly stalling: TsFigures;
  readonly hls: HlsFigures;
  readonly churn: ChurnFigures;
  readonly rss: RssSample[];
  readonly serverStop: { exitCode: number | null; signal: string | null; ms: number };
  readonly processesLeft: ProcessRow[];
  readonly asRun: AsRunFigures[];
  readonly serverLog: string[];
}

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
const growth = (first: number, last: number): number => (first > 0 ? ((last - first) / first) * 100 : Number.NaN);

function rssLine(name: string, samples: readonly RssSample[], pick: (s: RssSample) => number): { text: string; growthPct: number } {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return { text: `${name}: no samples`, growthPct: Number.NaN };
  const g = growth(pick(first), pick(last));
  return { text: `${name} RSS first ${pick(first).toFixed(0)} MB (${first.atS.toFixed(0)} s), last ${pick(last).toFixed(0)} MB (${last.atS.toFixed(0)} s), growth ${g.toFixed(1)} %`, growthPct: g };
}

function asRunText(a: AsRunFigures | undefined): { text: string; ok: boolean } {
  if (a === undefined) return { text: 'not checked', ok: false };
  const problems = [...a.missing.map((m) => `missing ${m}`), ...a.notInFull.map((m) => `not in full ${m}`)];
  return { text: `${a.complete}/${a.events} events${problems.length > 0 ? ` (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''})` : ''}`, ok: a.events > 0 && a.complete === a.events };
}

function channelRows(f: SoakFigures): string[] {
  const asRun = (ch: string) => asRunText(f.asRun.find((a) => a.channel === ch));
  const rows: string[] = [];
  const ts = (label: string, v: TsFigures, drift: boolean) => {
    const d = v.drift;
    rows.push(`  ${v.channel} — ${label}: ${(v.bytes / 1e6).toFixed(1)} MB in ${v.connections} connection(s), ${v.drops} dropped by the server, ${v.pauses} pause(s) of its own`);
    const starved = v.stalls.filter((s) => s.gapMs > s.leadMs).length;
    const gaps = v.stalls.slice(0, 5).map((s) => `${s.atS.toFixed(0)} s: ${s.gapMs.toFixed(0)} ms with ${s.leadMs.toFixed(0)} ms held${s.afterResume ? ', after resume' : ''}`);
    rows.push(`    arrival gaps > 1 s: ${v.stalls.length}${gaps.length > 0 ? ` [${gaps.join(', ')}]` : ''}`);
    rows.push(`    stalls (a gap longer than the media the viewer held, a player runs dry): ${starved}   (target 0: ${met(starved === 0)})`);
    rows.push(`    decode warnings: ${v.decode.warnings}${v.decode.samples.length > 0 ? ` [${v.decode.samples.slice(0, 2).join(' | ')}]` : ''}   (target 0: ${met(v.decode.warnings === 0)})`);
    if (drift) rows.push(d === undefined ? '    drift: no figure (under 5 s of video)' : `    A/V drift: ${d.driftMs.toFixed(0)} ms over ${(d.wallMs / 1000).toFixed(0)} s (media ${(d.mediaMs / 1000).toFixed(1)} s; lead ${d.leadAtSettleMs.toFixed(0)} → ${d.leadAtEndMs.toFixed(0)} ms; DTS jumps ${d.jumps}, gaps > 100 ms ${d.gaps} totalling ${d.gapMs.toFixed(0)} ms)   (target |drift| < 100 ms: ${met(Math.abs(d.driftMs) < 100 && d.jumps === 0)})`);
    rows.push(`    as-run: ${asRun(v.channel).text}   (target complete: ${met(asRun(v.channel).ok)})`);
  };
  ts('TS viewer in real time', f.realtime, true);
  ts('TS viewer that pauses 20 s every 3 min', f.stalling, false);
  const h = f.hls;
  rows.push(`  ${h.channel} — HLS viewer: ${h.segments} segments (${(h.bytes / 1e6).toFixed(1)} MB), ${h.playlistLoads} playlist loads (${h.playlistFailures} failed), ${h.discontinuities} discontinuities`);
  rows.push(`    stalls (newest segment still > 2× target): ${h.stalls.length}${h.stalls.length > 0 ? ` [${h.stalls.slice(0, 5).map((s) => `${s.atS.toFixed(0)} s: ${s.gapMs.toFixed(0)} ms`).join(', ')}]` : ''}, missing segments ${h.missing}   (target 0: ${met(h.stalls.length === 0 && h.missing === 0)})`);
  rows.push(`    decode warnings: ${h.decode.warnings}${h.decode.samples.length > 0 ? ` [${h.decode.samples.slice(0, 2).join(' | ')}]` : ''}   (target 0: ${met(h.decode.warnings === 0)})`);
  rows.push(`    as-run: ${asRun(h.channel).text}   (target complete: ${met(asRun(h.channel).ok)})`);
  return rows;
}

export function printSoak(f: SoakFigures): void {
  console.log(`Soak: the demo network served ${f.minutes.toFixed(2)} min over HTTP (${f.startedAt} → ${f.endedAt})${f.interrupted ? ' — INTERRUPTED' : ''}; targets are a 60-minute soak's`);
  for (const row of channelRows(f)) console.log(row);
  const c = f.churn;
  console.log(`  churn: ${c.tunes} short TS viewers (2–5 s, random channel every 10 s), ${c.failures} failed, first byte p50 ${percentile(c.firstByteMs, 50).toFixed(0)} ms p95 ${percentile(c.firstByteMs, 95).toFixed(0)} ms, decode warnings ${c.decode.warnings}${c.decode.samples.length > 0 ? ` [${c.decode.samples[0]}]` : ''}   (target 0 failed, 0 warnings: ${met(c.failures === 0 && c.decode.warnings === 0)})`);
  const server = rssLine('server', f.rss, (s) => s.serverMb);
  const engines = rssLine('engines (AIR + ffmpeg)', f.rss, (s) => s.enginesMb);
  console.log(`  ${server.text}   (target < 10 %: ${met(server.growthPct < 10)})`);
  console.log(`  ${engines.text}, ${f.rss.at(-1)?.engineProcesses ?? 0} processes   (target < 10 %: ${met(engines.growthPct < 10)})`);
  console.log(`  server stop (SIGTERM): exit ${f.serverStop.exitCode ?? f.serverStop.signal} in ${f.serverStop.ms.toFixed(0)} ms; processes of the home left after: ${f.processesLeft.length}${f.processesLeft.length > 0 ? ` [${f.processesLeft.map((p) => p.command.slice(0, 60)).join('; ')}]` : ''}   (target 0: ${met(f.processesLeft.length === 0)})`);
  console.log(`  server warnings/errors logged: ${f.serverLog.length}${f.serverLog.length > 0 ? ` (last: ${f.serverLog.at(-1)})` : ''}`);
}

export function writeSoak(f: SoakFigures): string {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'soak.json');
  writeFileSync(file, `${JSON.stringify(f, null, 2)}\n`);
  return file;
}
