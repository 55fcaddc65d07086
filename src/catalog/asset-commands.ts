// Handlers of `retrovue asset …` (contracts/asset/*.yaml): browsing the catalog and operator fields.
import { basename } from 'node:path';
import type {
  Asset,
  AssetListInput,
  AssetListOutput,
  AssetShowInput,
  AssetShowOutput,
  AssetUpdateInput,
  AssetUpdateOutput,
} from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { AssetRowUpdate } from '../db/schema.js';
import { type AssetWithRefs, listAssets as listAssetRows, requireAsset, updateAssetRow } from './asset-repository.js';
import { assetToJson } from './catalog-json.js';
import { collectionRef } from './catalog-ref.js';
import { requireCollection } from './collection-repository.js';
import { printableLine } from '../core/printable.js';

function toJson(row: AssetWithRefs): Asset {
  return assetToJson(row, collectionRef(row.source_name, row.collection_name), { importer: row.importer, external_id: row.external_id });
}

const formatDuration = (ms: number | null) => {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function episodeLabel(a: Asset): string {
  if (a.season === null && a.episode === null) return '';
  return `S${String(a.season ?? 0).padStart(2, '0')}E${String(a.episode ?? 0).padStart(2, '0')}`;
}

export async function listAssets(ctx: TransactionContext, input: AssetListInput): Promise<CommandResult<AssetListOutput>> {
  const collectionId = input.collection === undefined ? undefined : (await requireCollection(ctx.db, input.collection)).collection.id;
  const rows = await listAssetRows(ctx.db, { collectionId, series: input.series, state: input.state, text: input.text });
  const assets = rows.slice(0, input.limit).map(toJson);
  const text =
    assets.length === 0
      ? 'no matching assets'
      : textTable(
          ['STATE', 'DURATION', 'SERIES', 'EP', 'TITLE', 'COLLECTION', 'ID'],
          assets.map((a) => [a.state, formatDuration(a.duration_ms), a.series ?? '', episodeLabel(a), a.title, a.collection, a.id]),
        ) + (rows.length > assets.length ? `\n(${rows.length - assets.length} more; raise --limit)` : '');
  return { data: { assets, total: rows.length }, text };
}

/** One line per item under a 10-character label, the later ones indented under the first. */
function labelled(label: string, lines: readonly string[]): string {
  return (lines.length === 0 ? ['none'] : lines).map((line, i) => `  ${(i === 0 ? label : '').padEnd(10)}${line}`).join('\n');
}

const marks = (t: { forced?: boolean; default: boolean }) => `${t.forced ? ' forced' : ''}${t.default ? ' default' : ''}`;

// Audio #N and embedded subtitle #N are ffmpeg's 0:a:N and 0:s:N; a sidecar is named by its file name.
const audioLine = (s: Asset['audio'][number], i: number) =>
  `#${i} ${s.codec} ${s.channels}ch ${s.sample_rate} Hz ${s.language ?? 'und'}${marks(s)}${s.title ? ` "${printableLine(s.title)}"` : ''}${s.loudness ? ` ${s.loudness.integrated_lufs} LUFS, peak ${s.loudness.true_peak_dbtp} dBTP` : ''}`;

function subtitleLine(t: Asset['subtitles'][number]): string {
  const from = t.source === 'embedded' ? `#${t.index ?? '?'}` : printableLine(basename(t.path ?? ''));
  return `${from} ${t.codec} ${t.format} ${t.language ?? 'und'}${marks(t)}`;
}

/** The source's curated details, one labelled line each, only those it gave. */
function detailLines(d: Asset['details']): string[] {
  if (d === undefined) return [];
  const line = (label: string, value: string | undefined) => (value === undefined ? [] : [`  ${label.padEnd(9)} ${printableLine(value)}`]);
  return [
    ...line('summary', d.summary),
    ...line('genres', d.genres?.join(', ')),
    ...line('rating', d.content_rating),
    ...line('artwork', d.artwork === undefined ? undefined : Object.entries(d.artwork).map(([role, url]) => `${role} ${url}`).join('  ')),
    ...line('server', d.source_path),
  ];
}

function describeAsset(a: Asset): string {
  const video = a.video
    ? `${a.video.codec} ${a.video.width}x${a.video.height} ${a.video.frame_rate} fps ${a.video.scan}${a.video.transfer ? ` ${a.video.transfer}` : ''}`
    : 'none';
  return [
    `${printableLine(a.title)}  [${a.state}${a.invalid_reason ? `: ${printableLine(a.invalid_reason)}` : ''}]`,
    `  id        ${a.id}`,
    `  file      ${printableLine(a.path)}`,
    `  duration  ${a.duration_ms === null ? '-' : `${a.duration_ms} ms`}  container ${a.container ?? '-'}`,
    `  video     ${video}`,
    labelled('audio', a.audio.map(audioLine)),
    labelled('subtitles', a.subtitles.map(subtitleLine)),
    `  chapters  ${a.chapters.map((c) => c.start_ms).join(', ') || 'none'}`,
    `  metadata  kind ${a.kind}${a.series ? `, ${a.series} ${episodeLabel(a)}` : ''}${a.year ? `, ${a.year}` : ''}`,
    ...detailLines(a.details),
    `  tags      ${a.tags.join(', ') || 'none'}  approved ${a.approved ? 'yes' : 'no'}`,
  ].join('\n');
}

export async function showAsset(ctx: TransactionContext, input: AssetShowInput): Promise<CommandResult<AssetShowOutput>> {
  const asset = toJson(await requireAsset(ctx.db, input.asset));
  return { data: { asset }, text: describeAsset(asset) };
}

export async function updateAsset(ctx: TransactionContext, input: AssetUpdateInput): Promise<CommandResult<AssetUpdateOutput>> {
  const current = await requireAsset(ctx.db, input.asset);
  const changes: AssetRowUpdate = {};
  const changed: string[] = [];
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (title.length === 0) throw new RetroVueError('invalid_input', 'title must not be empty');
    if (title !== current.title) {
      changes.title = title;
      changed.push('title');
    }
  }
  if (input.tags !== undefined) {
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    if (tags.join('\n') !== current.tags.join('\n')) {
      changes.tags = tags;
      changed.push('tags');
    }
  }
  if (input.approved !== undefined && input.approved !== current.approved) {
    changes.approved = input.approved;
    changed.push('approved');
  }
  if (changed.length > 0) {
    // Fields an operator set stay theirs: re-ingest never overwrites them.
    const operatorFields = [...new Set([...current.operator_fields, ...changed])].sort();
    await updateAssetRow(ctx.db, current.id, { ...changes, operator_fields: operatorFields, updated_at: new Date(ctx.clock.now()) });
  }
  const asset = toJson(await requireAsset(ctx.db, current.id));
  const summary = changed.length === 0 ? 'asset unchanged' : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { asset, changed }, text: `${summary}\n${describeAsset(asset)}` };
}
