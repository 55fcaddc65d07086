// The name of every migration, in order: what a command compares a database against on every start
// without loading the migrations themselves (migrations/index.ts holds them; src/db/migrator.ts refuses to
// run when the two lists disagree, and tests/db/migrations.test.ts checks they agree).
export const migrationNames: readonly string[] = [
  '0001_channel',
  '0002_catalog',
  '0003_scheduling',
  '0005_playout',
  '0006_as_run',
  '0007_playlog_without_path',
  '0008_guide_logo_off_air',
  '0009_tuner_device',
  '0010_asset_subtitles',
  '0011_channel_presentation',
  '0012_runtime_node',
  '0013_as_run_airing',
  '0014_provider_ref_version',
];
