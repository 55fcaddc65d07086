// Kysely table types: the persisted shape of the DESIGN.md nouns.
import type { ColumnType, Generated, Selectable, Insertable, Updateable } from 'kysely';

/** Read as a Date; optional on insert (the column defaults to now()). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ChannelTable {
  id: string;
  name: string;
  number: string;
  grid_block_minutes: number;
  block_start_offsets_minutes: number[];
  programming_day_start: string;
  timezone: string;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ChannelRow = Selectable<ChannelTable>;
export type NewChannelRow = Insertable<ChannelTable>;
export type ChannelRowUpdate = Updateable<ChannelTable>;

export interface Schema {
  channel: ChannelTable;
}

/** Tables that hold data (children before parents), used by tests to reset a database. */
export const dataTables = ['channel'] as const satisfies readonly (keyof Schema)[];
