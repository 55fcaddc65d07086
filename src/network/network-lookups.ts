// What already exists, read where `network apply` decides between an add and an update.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { loadChannelPlans } from '../scheduling/plans/schedule-plan-repository.js';

/** The channel's plans by name, each with the names of its zones. */
export async function findPlanNames(db: Kysely<Schema>, channelId: string): Promise<Map<string, Set<string>>> {
  const plans = await loadChannelPlans(db, channelId);
  return new Map(plans.map((p) => [p.name, new Set(p.zones.map((z) => z.name))]));
}
