// How a channel presents what it airs (issue "Real libraries"): its audio language preference, when it burns
// subtitles in and in which languages, and the loudness it brings every segment to. A rendition now records
// the treatment it was made with (audio track, subtitles, gain, tone map): one asset may have several per profile.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('channel')
    .addColumn('audio_languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('subtitle_mode', 'text', (c) =>
      c.notNull().defaultTo('off').check(sql`subtitle_mode in ('off', 'forced', 'always', 'when-audio-differs')`))
    .addColumn('subtitle_languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Null: loudness is left as each source has it.
    .addColumn('loudness_target_lufs', 'double precision', (c) =>
      c.defaultTo(-24).check(sql`loudness_target_lufs between -40 and -10`))
    .execute();
  // Renditions made before this were made of the first audio track, as it was: that treatment's key.
  await db.schema.alterTable('asset_rendition').addColumn('treatment_key', 'text', (c) => c.notNull().defaultTo('a0')).execute();
  await db.schema.alterTable('asset_rendition').dropConstraint('asset_rendition_pk').execute();
  await db.schema.alterTable('asset_rendition').addPrimaryKeyConstraint('asset_rendition_pk', ['asset_id', 'profile', 'treatment_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('asset_rendition').dropConstraint('asset_rendition_pk').execute();
  await sql`delete from asset_rendition where treatment_key <> 'a0'`.execute(db);
  await db.schema.alterTable('asset_rendition').dropColumn('treatment_key').execute();
  await db.schema.alterTable('asset_rendition').addPrimaryKeyConstraint('asset_rendition_pk', ['asset_id', 'profile']).execute();
  for (const column of ['audio_languages', 'subtitle_mode', 'subtitle_languages', 'loudness_target_lufs']) {
    await db.schema.alterTable('channel').dropColumn(column).execute();
  }
}
