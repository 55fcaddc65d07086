// Which collections feed a channel's avails, and in which role: the only place that reads or writes
// channel_interstitial.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { InterstitialPool, InterstitialRole } from './interstitial.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';

export interface InterstitialAssignment {
  readonly channelId: string;
  readonly collectionId: string;
  readonly role: InterstitialRole;
}

export async function assignInterstitials(db: Kysely<Schema>, assignment: InterstitialAssignment): Promise<void> {
  await db
    .insertInto('channel_interstitial')
    .values({ channel_id: assignment.channelId, collection_id: assignment.collectionId, role: assignment.role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unassignInterstitials(db: Kysely<Schema>, assignment: InterstitialAssignment): Promise<number> {
  const result = await db
    .deleteFrom('channel_interstitial')
    .where('channel_id', '=', assignment.channelId)
    .where('collection_id', '=', assignment.collectionId)
    .where('role', '=', assignment.role)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listInterstitials(db: Kysely<Schema>, channelId: string): Promise<InterstitialAssignment[]> {
  // Ordered by the collections' names, not their ids, so a network applied in another home fills avails alike.
  const rows = await db
    .selectFrom('channel_interstitial')
    .innerJoin('collection', 'collection.id', 'channel_interstitial.collection_id')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .select(['channel_interstitial.channel_id', 'channel_interstitial.collection_id', 'channel_interstitial.role'])
    .where('channel_interstitial.channel_id', '=', channelId)
    .orderBy('channel_interstitial.role')
    .orderBy('source.name')
    .orderBy('collection.name')
    .execute();
  return rows.map((r) => ({ channelId: r.channel_id, collectionId: r.collection_id, role: r.role as InterstitialRole }));
}

/** The eligible assets of the assigned collections, by role, in catalog order. */
export function interstitialPoolOf(assignments: readonly InterstitialAssignment[], catalog: CatalogSnapshot): InterstitialPool {
  const of = (role: InterstitialRole) => assignments.filter((a) => a.role === role).flatMap((a) => catalog.eligibleInCollection(a.collectionId));
  return { bumpers: of('bumper'), commercials: of('commercial'), stationIds: of('station-id') };
}
