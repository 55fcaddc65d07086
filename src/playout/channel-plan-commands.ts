// Handler of `retrovue channel plan` (contracts/channel/plan.yaml): the decorated plan that would air on a
// channel from an instant on, for operators, and with --json exactly what AIR reads as its plan.
import { DateTime } from 'luxon';
import type { ChannelPlanInput, ChannelPlanOutput } from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { parseInstant } from '../command/instant.js';
import { RetroVueError } from '../core/errors.js';
import type { FilterDirective, PlayoutPlan, PlayoutSegment } from '../plugins/playout-plan.js';
import { findChannel } from '../scheduling/channel/channel-repository.js';
import { checkPlanAssets } from './plan-assets.js';
import { buildPlayoutPlanAt } from './playout-plan-builder.js';

export async function planChannel(ctx: TransactionContext, input: ChannelPlanInput): Promise<CommandResult<ChannelPlanOutput>> {
  const channel = await findChannel(ctx.db, input.channel);
  if (!channel) throw new RetroVueError('not_found', `channel "${input.channel}" does not exist; see retrovue channel list`);
  const atMs = parseInstant(input.at, '--at', { nowMs: ctx.clock.now(), timezone: channel.timezone });
  const result = await buildPlayoutPlanAt(ctx.db, ctx.plugins, channel.id, atMs, { spanMs: input.spanMinutes * 60_000 });
  if (result.kind !== 'plan') throw new RetroVueError('not_found', result.message);
  const plan = result.plan;
  for (const problem of checkPlanAssets(plan)) {
    const what = `asset ${problem.assetId} "${problem.title}": ${problem.reason}`;
    if (problem.onAir) throw new RetroVueError('invalid_input', `the segment on air on channel ${channel.id} at ${new Date(atMs).toISOString()} cannot play: ${what}`);
    ctx.stderr.write(`retrovue: warning: segment ${problem.segmentIndex} will air as slate: ${what}\n`);
  }
  const producer = result.producer.id === null ? `default (${result.producer.type})` : `${result.producer.id} (${result.producer.type})`;
  const header = [
    `channel ${channel.id} from ${local(atMs, channel.timezone)} ${channel.timezone}`,
    `producer ${producer}, profile ${plan.profile.name} (${plan.profile.width}x${plan.profile.height} ${plan.profile.frameRate} fps), enrichers ${result.enrichers.join(' → ') || 'none'}`,
  ];
  const text = [...header, '', segmentTable(plan, channel.timezone), ...directiveLines(plan.directives, channel.timezone)].join('\n');
  return { data: plan, text };
}

function local(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
}

function clock(ms: number, timezone: string): string {
  return DateTime.fromMillis(ms, { zone: timezone }).toFormat('HH:mm:ss.SSS');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

function sourceOf(segment: PlayoutSegment): string {
  const source = segment.source;
  if (source.kind === 'synthetic') return `${source.synthetic}${source.text === undefined ? '' : ` "${source.text}"`}`;
  if (source.kind === 'unavailable') return `slate (${source.reason})`;
  return source.rendition === undefined ? source.path : `${source.rendition.path} (rendition of ${source.path})`;
}

function segmentTable(plan: PlayoutPlan, timezone: string): string {
  return textTable(
    ['START', 'DURATION', 'IN-POINT', 'TITLE', 'SOURCE'],
    plan.segments.map((s) => [clock(s.startsAtMs, timezone), seconds(s.durationMs), seconds(s.inPointMs), s.title, sourceOf(s)]),
  );
}

function directiveLines(directives: readonly FilterDirective[], timezone: string): string[] {
  if (directives.length === 0) return [];
  return ['', 'directives:', ...directives.map((d) => `  ${describeDirective(d)}${windowOf(d, timezone)}`)];
}

function describeDirective(d: FilterDirective): string {
  switch (d.kind) {
    case 'image-overlay':
      return `bug ${d.imagePath} ${d.corner}, opacity ${d.opacity}, margin ${d.marginPx}px`;
    case 'lower-third':
      return `lower third "${d.text}"`;
    case 'crawl':
      return `crawl "${d.text}" at ${d.speedPxPerSecond} px/s`;
    case 'vhs':
      return `vhs noise ${d.noise}, chroma shift ${d.chromaShiftPx}px, blur ${d.blur}${d.scanlines ? ', scanlines' : ''}`;
  }
}

function windowOf(d: FilterDirective, timezone: string): string {
  if (d.fromMs === undefined && d.toMs === undefined) return '';
  return ` (${d.fromMs === undefined ? 'start' : clock(d.fromMs, timezone)} – ${d.toMs === undefined ? 'end' : clock(d.toMs, timezone)})`;
}
