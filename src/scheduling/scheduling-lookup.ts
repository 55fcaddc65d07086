// How scheduling handlers find what operators name: a channel by id, a plan by channel and name, a zone by
// plan and name, and the library and catalog that name a definition's references. Each miss is one line
// naming the object and where to look.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { ChannelRow, Schema } from '../db/schema.js';
import { loadCatalogSnapshot } from './catalog-reader.js';
import { findChannel } from './channel-repository.js';
import { loadSchedulingLibrary } from './program-repository.js';
import { findSchedulePlan } from './schedule-plan-repository.js';
import type { SchedulePlan, Zone } from './schedule-plan.js';
import type { NamingContext } from './scheduling-json.js';

export async function requireChannelRow(db: Kysely<Schema>, id: string): Promise<ChannelRow> {
  const row = await findChannel(db, id);
  if (!row) throw new RetroVueError('not_found', `channel "${id}" does not exist; see retrovue channel list`);
  return row;
}

export async function requirePlan(db: Kysely<Schema>, channelId: string, name: string): Promise<SchedulePlan> {
  const plan = await findSchedulePlan(db, channelId, name);
  if (!plan) throw new RetroVueError('not_found', `schedule plan "${name}" of channel "${channelId}" does not exist; see retrovue schedule-plan list --channel ${channelId}`);
  return plan;
}

export function requireZone(plan: SchedulePlan, name: string): Zone {
  const zone = plan.zones.find((z) => z.name === name);
  if (!zone) throw new RetroVueError('not_found', `zone "${name}" of plan "${plan.name}" (channel "${plan.channelId}") does not exist; see retrovue zone list --channel ${plan.channelId} --plan ${plan.name}`);
  return zone;
}

export async function loadNaming(db: Kysely<Schema>): Promise<NamingContext> {
  return { library: await loadSchedulingLibrary(db), catalog: await loadCatalogSnapshot(db) };
}

const controlCharacter = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

export function nonEmptyName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new RetroVueError('invalid_input', `${what} must not be empty`);
  // A newline or escape sequence in a name would fake rows or recolour every listing and guide it appears in.
  if (controlCharacter.test(trimmed)) throw new RetroVueError('invalid_input', `${what} must not contain control characters (newlines, tabs, escape sequences)`);
  return trimmed;
}
