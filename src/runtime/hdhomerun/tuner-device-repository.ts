// The one persisted HDHomeRun identity: created by the first node that needs it, read by every later one
// (an insert that loses a race to another node keeps the winner's row).
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { TunerDevice } from './device-identity.js';

/** The stored identity, storing `fresh` first when there is none yet. */
export async function ensureTunerDevice(db: Kysely<Schema>, fresh: TunerDevice): Promise<TunerDevice> {
  await db.insertInto('tuner_device')
    .values({ kind: 'hdhomerun', device_id: fresh.deviceId, device_auth: fresh.deviceAuth, udn: fresh.udn })
    .onConflict((c) => c.column('kind').doNothing())
    .execute();
  const row = await db.selectFrom('tuner_device').select(['device_id', 'device_auth', 'udn']).where('kind', '=', 'hdhomerun').executeTakeFirstOrThrow();
  return { deviceId: row.device_id, deviceAuth: row.device_auth, udn: row.udn };
}
