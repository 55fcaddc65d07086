// Every migration, in order. Listed statically so the same set runs from tsx and from the compiled dist/.
import type { Migration } from 'kysely';
import * as m0001 from './0001_channel.js';
import * as m0002 from './0002_catalog.js';
import * as m0003 from './0003_scheduling.js';
import * as m0005 from './0005_playout.js';
import * as m0006 from './0006_as_run.js';
import * as m0007 from './0007_playlog_without_path.js';
import * as m0008 from './0008_guide_logo_off_air.js';
import * as m0009 from './0009_tuner_device.js';
import * as m0010 from './0010_asset_subtitles.js';
import * as m0011 from './0011_channel_presentation.js';
import * as m0012 from './0012_runtime_node.js';
import * as m0013 from './0013_as_run_airing.js';
import * as m0014 from './0014_provider_ref_version.js';

export const migrations: Record<string, Migration> = {
  '0001_channel': m0001,
  '0002_catalog': m0002,
  '0003_scheduling': m0003,
  '0005_playout': m0005,
  '0006_as_run': m0006,
  '0007_playlog_without_path': m0007,
  '0008_guide_logo_off_air': m0008,
  '0009_tuner_device': m0009,
  '0010_asset_subtitles': m0010,
  '0011_channel_presentation': m0011,
  '0012_runtime_node': m0012,
  '0013_as_run_airing': m0013,
  '0014_provider_ref_version': m0014,
};
