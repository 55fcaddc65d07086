// `retrovue demo` (contracts/demo/network.yaml): the demo network built from nothing in RETROVUE_HOME.
// Every step goes through the same handlers an operator's commands use, each write in its own
// transaction, and each step first looks for what an earlier run made, so a rerun only advances horizons.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DemoNetworkInput, DemoNetworkOutput } from '../../generated/contract-types.js';
import { addSource } from '../catalog/source-commands.js';
import { findSource } from '../catalog/source-repository.js';
import { updateCollection } from '../catalog/collection-commands.js';
import type { CommandResult, ConnectionContext, TransactionContext } from '../command/command-context.js';
import { createProgress } from '../command/progress.js';
import { ExitCode, RetroVueError } from '../core/errors.js';
import { retrovueHome } from '../db/database-config.js';
import { discoverSource, ingestCollection } from '../ingest/ingest-commands.js';
import { addChannel } from '../scheduling/channel/channel-commands.js';
import { findChannel, listChannelRows } from '../scheduling/channel/channel-repository.js';
import { canonicalTimezone } from '../scheduling/channel/channel.js';
import { advanceHorizons, type ChannelHorizonReport } from '../scheduling/horizon/horizon.js';
import { addInterstitial } from '../scheduling/library/interstitial-commands.js';
import { addSyntheticAsset, addVirtualAsset } from '../scheduling/library/library-commands.js';
import { addProgram } from '../scheduling/library/program-commands.js';
import { findProgramByName } from '../scheduling/library/program-repository.js';
import { findSyntheticAssetByName, findVirtualAssetByName } from '../scheduling/library/schedulable-asset-repository.js';
import { addSchedulePlan } from '../scheduling/plans/schedule-plan-commands.js';
import { addZone } from '../scheduling/plans/zone-commands.js';
import { demoPrograms, demoChannels, demoSynthetics, demoVirtuals, demoCollections, demoSource } from './demo-network-plan.js';
import { DEMO_CATALOG, DEMO_NETWORK_EXTRAS } from './demo-catalog.js';
import { generateDemoLibrary } from './media-library.js';
import { serveDemo } from './demo-serve.js';
import { ensureDemoLogos } from './demo-logos.js';
import { onNowLine, onNowOf } from './demo-on-now.js';

/** Written last by a complete generation, so an interrupted one is made again. */
const markerName = '.retrovue-demo-library.json';

async function inTransaction<T>(ctx: ConnectionContext, run: (trx: TransactionContext) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction().execute((db) => run({ ...ctx, db }));
}

async function ensureMedia(ctx: ConnectionContext, dir: string): Promise<boolean> {
  const marker = join(dir, markerName);
  const expected = JSON.stringify([...DEMO_CATALOG, ...DEMO_NETWORK_EXTRAS].map((s) => s.path));
  if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return true;
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, 'demo media');
  try {
    const nonEmpty = existsSync(dir) && readdirSync(dir).length > 0;
    await generateDemoLibrary(dir, {
      force: nonEmpty,
      extra: DEMO_NETWORK_EXTRAS,
      concurrency: availableParallelism(),
      signal: ctx.signal,
      onProgress: (done, total, file) => progress.update(done, total, file),
    });
  } finally {
    progress.stop();
  }
  writeFileSync(marker, expected);
  return false;
}

async function ensureCatalog(ctx: ConnectionContext, mediaDir: string, created: string[]): Promise<void> {
  const db = ctx.database.db;
  if (!(await findSource(db, demoSource))) {
    await inTransaction(ctx, (trx) => addSource(trx, { type: 'filesystem', name: demoSource, basePath: mediaDir, config: undefined, url: undefined, token: undefined, apiKey: undefined }));
    created.push(`source ${demoSource}`);
  }
  await inTransaction(ctx, (trx) => discoverSource(trx, { source: demoSource }));
  for (const name of demoCollections) {
    const collection = `${demoSource}/${name}`;
    await inTransaction(ctx, (trx) => updateCollection(trx, { collection, ingestEnabled: true, localPath: undefined, clearLocalPaths: false }));
    await ingestCollection(ctx, { collection, path: undefined, concurrency: undefined, reprobe: false });
  }
}

async function ensureLibrary(ctx: ConnectionContext, created: string[]): Promise<void> {
  const db = ctx.database.db;
  for (const s of demoSynthetics) {
    if (await findSyntheticAssetByName(db, s.name)) continue;
    await inTransaction(ctx, (trx) => addSyntheticAsset(trx, s));
    created.push(`synthetic asset ${s.name}`);
  }
  for (const v of demoVirtuals) {
    if (await findVirtualAssetByName(db, v.name)) continue;
    await inTransaction(ctx, (trx) => addVirtualAsset(trx, v));
    created.push(`virtual asset ${v.name}`);
  }
  for (const p of demoPrograms) {
    if (await findProgramByName(db, p.name)) continue;
    await inTransaction(ctx, (trx) => addProgram(trx, p));
    created.push(`program ${p.name}`);
  }
}

/**
 * The zone the demo channels it adds get: --timezone's (checked as channel add checks it), else the existing
 * demo channels', else undefined (channel add's own default, the machine's). A --timezone other than the
 * existing channels' is refused: their built days keep their times, so moving them would mix two clocks.
 */
async function demoTimezone(ctx: ConnectionContext, typed: string | undefined): Promise<string | undefined> {
  const wanted = typed === undefined ? undefined : canonicalTimezone(typed);
  const rows = await listChannelRows(ctx.database.db, { enabledOnly: false, ids: demoChannels.map((c) => c.id) });
  const existing = [...new Set(rows.map((r) => r.timezone))];
  if (wanted !== undefined && existing.some((zone) => zone !== wanted)) {
    throw new RetroVueError(
      'conflict',
      `the demo channels are in ${existing.join(', ')}, not ${wanted}: rerun without --timezone to keep them there, or build a fresh demo in another RETROVUE_HOME (RETROVUE_HOME=<new dir> retrovue demo --timezone ${wanted})`,
    );
  }
  return wanted ?? existing[0];
}

async function ensureChannels(ctx: ConnectionContext, created: string[], timezone: string | undefined): Promise<void> {
  const db = ctx.database.db;
  for (const channel of demoChannels) {
    if (await findChannel(db, channel.id)) continue;
    await inTransaction(ctx, async (trx) => {
      await addChannel(trx, {
        id: channel.id,
        name: channel.name,
        number: channel.number,
        gridBlockMinutes: 1,
        blockStartOffsetsMinutes: [0],
        programmingDayStart: '06:00',
        timezone,
        enabled: true,
        audioLanguages: undefined, subtitles: 'off', subtitleLanguages: undefined, loudnessTarget: '-24',
      });
      await addSchedulePlan(trx, { channel: channel.id, name: 'everyday', days: undefined, startDate: undefined, endDate: undefined, priority: 0 });
      for (const zone of channel.zones) {
        await addZone(trx, { channel: channel.id, plan: 'everyday', name: zone.name, start: zone.start, end: zone.end, days: undefined, item: zone.items });
      }
      for (const [collection, role] of [['Bumpers', 'bumper'], ['Commercials', 'commercial']] as const) {
        await addInterstitial(trx, { channel: channel.id, collection: `${demoSource}/${collection}`, role });
      }
    });
    created.push(`channel ${channel.id}`);
  }
}

type DemoChannelReport = DemoNetworkOutput['channels'][number];

/** Each demo channel as it stands after its horizon was advanced at `nowMs`, with what is on it then. */
async function channelReports(ctx: ConnectionContext, reports: readonly ChannelHorizonReport[], nowMs: number): Promise<DemoChannelReport[]> {
  const rows = await listChannelRows(ctx.database.db, { enabledOnly: false, ids: demoChannels.map((c) => c.id) });
  return inTransaction(ctx, async (trx) => {
    const channels: DemoChannelReport[] = [];
    for (const c of demoChannels) {
      const row = rows.find((r) => r.id === c.id);
      const report = reports.find((r) => r.channelId === c.id);
      channels.push({
        id: c.id,
        name: row?.name ?? c.name,
        number: row?.number ?? c.number,
        timezone: row?.timezone ?? 'UTC',
        on_now: row === undefined ? null : await onNowOf(trx, c.id, nowMs),
        schedule_through: report?.scheduleThrough ?? null,
        playlog_through: report?.playlogThroughMs == null ? null : new Date(report.playlogThroughMs).toISOString(),
        error: report?.error ?? null,
      });
    }
    return channels;
  });
}

export async function buildDemoNetwork(ctx: ConnectionContext, input: DemoNetworkInput): Promise<CommandResult<DemoNetworkOutput>> {
  const home = retrovueHome(ctx.env);
  const mediaDir = join(home, 'demo-media');
  const created: string[] = [];
  const timezone = await demoTimezone(ctx, input.timezone);
  const reusedMedia = await ensureMedia(ctx, mediaDir);
  if (!reusedMedia) created.push(`demo media in ${mediaDir}`);
  await ensureCatalog(ctx, mediaDir, created);
  await ensureLibrary(ctx, created);
  await ensureChannels(ctx, created, timezone);
  await ensureDemoLogos(ctx, demoChannels, created);
  const nowMs = ctx.clock.now();
  const reports = await advanceHorizons(ctx.database.db, { channelIds: demoChannels.map((c) => c.id), epgDays: input.epgDays, playlogHours: input.playlogHours, nowMs });
  const channels = await channelReports(ctx, reports, nowMs);
  const first = demoChannels[0]?.id ?? 'toons';
  const next = [
    `retrovue epg show --channel ${first}`,
    `retrovue playlog show --channel ${first} --json`,
    `retrovue epg export --format xmltv --guide-domain ${input.guideDomain} --out guide.xml`,
    `retrovue channel export --format m3u --guide-domain ${input.guideDomain} --out channels.m3u`,
  ];
  const text = [
    onNowLine(channels),
    created.length === 0 ? `the demo network in ${home} was already built; horizons advanced` : `built the demo network in ${home}: ${created.length} new things (${created.slice(0, 4).join(', ')}${created.length > 4 ? ', …' : ''})`,
    ...channels.map((c) => `  ${c.number.padStart(3)}  ${c.id.padEnd(8)} ${c.name}: ${c.error ? `refused: ${c.error}` : `schedule through ${c.schedule_through}, playlog through ${c.playlog_through}`}`),
    'next:',
    ...next.map((n) => `  ${n}`),
  ].join('\n');
  const built: CommandResult<DemoNetworkOutput> = { data: { home, media: mediaDir, reused_media: reusedMedia, created, channels, next }, text, exitCode: channels.some((c) => c.error) ? ExitCode.partial : ExitCode.ok };
  return input.serve ? serveDemo(ctx, built, { host: input.host, port: input.port, firstChannel: first, guideDomain: input.guideDomain, tuners: input.tuners, hdhomerunDiscovery: input.hdhomerunDiscovery }) : built;
}
