// The XMLTV project's own checker, tv_validate_file (Debian xmltv-util), against the DTD installed beside
// it (without --dtd-file it would fetch the DTD from the web). Returns its report; ok when it accepts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const xmltvDtdForValidator = '/usr/share/xmltv/xmltv.dtd';

export function tvValidateFile(file: string): { ok: boolean; report: string } {
  assert.ok(existsSync(xmltvDtdForValidator), `the XMLTV DTD is missing at ${xmltvDtdForValidator}: apt-get install xmltv-util`);
  const run = spawnSync('tv_validate_file', ['--dtd-file', xmltvDtdForValidator, file], { encoding: 'utf8', env: { ...process.env, XMLTV_SUPPLEMENT: '/usr/share/xmltv' } });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') assert.fail('tv_validate_file is missing: apt-get install xmltv-util');
  return { ok: run.status === 0, report: `${run.stdout}${run.stderr}`.trim() };
}
