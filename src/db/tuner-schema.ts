// Kysely table type of the tuner identity (migration 0008): what the HDHomeRun emulation shows clients.
import type { Generated } from 'kysely';

export interface TunerDeviceTable {
  kind: 'hdhomerun';
  /** Eight upper-case hex digits with libhdhomerun's check digit. */
  device_id: string;
  device_auth: string;
  udn: string;
  created_at: Generated<Date>;
}

export interface TunerTables {
  tuner_device: TunerDeviceTable;
}
