// Handlers of `retrovue asset …` (contracts/asset/*.yaml): browsing the catalog and operator fields.
import { type Kysely, sql } from 'kysely';
import type { AssetListInput } from '../../generated/commands/asset-list.js';
import type { AssetShowInput } from '../../generated/commands/asset-show.js';
import type { AssetUpdateInput } from '../../generated/commands/asset-update.js';
import type { CommandResult, TransactionContext } from '../cli/command-context.js';
import { textTable } from '../cli/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { AssetRowUpdate, Schema } from '../db/schema.js';
import { type AssetJson, assetToJson, collectionRef } from './catalog-json.js';
import { isUuid, requireCollection } from './catalog-repository.js';

function assetQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('asset')
    .innerJoin('collection', 'collection.id', 'asset.collection_id')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .innerJoin('provider_ref', 'provider_ref.asset_id', 'asset.id')
    .selectAll('asset')
    .select(['collection.name as collection_name', 'source.name as source_name', 'provider_ref.importer', 'provider_ref.external_id']);
}

type AssetWithRefs = Awaited<ReturnType<ReturnType<typeof assetQuery>['executeTakeFirstOrThrow']>>;

function toJson(row: AssetWithRefs): AssetJson {
  return assetToJson(row, collectionRef(row.source_name, row.collection_name), { importer: row.importer, external_id: row.external_id });
}

const formatDuration = (ms: number | null) => {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function episodeLabel(a: AssetJson): string {
  if (a.season === null && a.episode === null) return '';
  return `S${String(a.season ?? 0).padStart(2, '0')}E${String(a.episode ?? 0).padStart(2, '0')}`;
}

export async function listAssets(ctx: TransactionContext, input: AssetListInput): Promise<CommandResult> {
  let query = assetQuery(ctx.db);
  if (input.collection !== undefined) query = query.where('asset.collection_id', '=', (await requireCollection(ctx.db, input.collection)).collection.id);
  if (input.series !== undefined) query = query.where(sql<boolean>`lower(asset.series) = lower(${input.series})`);
  if (input.state !== undefined) query = query.where('asset.state', '=', input.state);
  if (input.text !== undefined) {
    for (const word of input.text.split(/\s+/).filter(Boolean)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('asset.title', 'ilike', like), eb('asset.series', 'ilike', like), eb('asset.relative_path', 'ilike', like)]));
    }
  }
  const rows = await query
    .orderBy(sql`asset.series asc nulls last`)
    .orderBy(sql`asset.season asc nulls last`)
    .orderBy(sql`asset.episode asc nulls last`)
    .orderBy('asset.relative_path')
    .execute();
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

async function requireAsset(db: Kysely<Schema>, id: string): Promise<AssetWithRefs> {
  const row = isUuid(id) ? await assetQuery(db).where('asset.id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new RetroVueError('not_found', `asset "${id}" does not exist; see retrovue asset list`);
  return row;
}

function describeAsset(a: AssetJson): string {
  const video = a.video ? `${a.video.codec} ${a.video.width}x${a.video.height} ${a.video.frame_rate} fps ${a.video.scan}` : 'none';
  const audio = a.audio.map((s) => `${s.codec} ${s.channels}ch ${s.sample_rate} Hz`).join(', ') || 'none';
  return [
    `${a.title}  [${a.state}${a.invalid_reason ? `: ${a.invalid_reason}` : ''}]`,
    `  id        ${a.id}`,
    `  file      ${a.path}`,
    `  duration  ${a.duration_ms === null ? '-' : `${a.duration_ms} ms`}  container ${a.container ?? '-'}`,
    `  video     ${video}`,
    `  audio     ${audio}`,
    `  chapters  ${a.chapters.map((c) => c.start_ms).join(', ') || 'none'}`,
    `  metadata  kind ${a.kind}${a.series ? `, ${a.series} ${episodeLabel(a)}` : ''}${a.year ? `, ${a.year}` : ''}`,
    `  tags      ${a.tags.join(', ') || 'none'}  approved ${a.approved ? 'yes' : 'no'}`,
  ].join('\n');
}

export async function showAsset(ctx: TransactionContext, input: AssetShowInput): Promise<CommandResult> {
  const asset = toJson(await requireAsset(ctx.db, input.asset));
  return { data: { asset }, text: describeAsset(asset) };
}

export async function updateAsset(ctx: TransactionContext, input: AssetUpdateInput): Promise<CommandResult> {
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
    const operatorFields = [...new Set([...current.operator_fields, ...changed])].sort();
    await ctx.db
      .updateTable('asset')
      .set({ ...changes, operator_fields: operatorFields, updated_at: new Date(ctx.clock.now()) })
      .where('id', '=', current.id)
      .execute();
  }
  const asset = toJson(await requireAsset(ctx.db, current.id));
  const summary = changed.length === 0 ? 'asset unchanged' : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { asset, changed }, text: `${summary}\n${describeAsset(asset)}` };
}
