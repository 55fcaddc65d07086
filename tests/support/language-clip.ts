// The two-language Matroska file of tagged-media.ts recorded as a clip asset with the streams ffprobe
// finds in it (languages, default flag, subtitle tracks), as an ingest would record them.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { probeMedia } from '../../src/media/ffprobe.js';
import { seedClips } from '../playout/playout-fixtures.js';
import { taggedSeconds, twoLanguageMkv } from './tagged-media.js';

/** The asset id of the clip, made in `dir`. */
export async function seedLanguageClip(db: Kysely<Schema>, dir: string): Promise<string> {
  const path = join(dir, 'Two Languages.mkv');
  await twoLanguageMkv(path);
  const catalog = await seedClips(db, [{ key: 'film', path, seconds: taggedSeconds }]);
  const probed = await probeMedia(path);
  if (!probed.ok) throw new Error(`the two-language clip does not probe: ${probed.reason}`);
  const id = catalog.assets['film'] as string;
  await db.updateTable('asset').set({
    audio: JSON.stringify(probed.media.audio), subtitles: JSON.stringify(probed.media.subtitles), video: JSON.stringify(probed.media.video),
  }).where('id', '=', id).execute();
  return id;
}
