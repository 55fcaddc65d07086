// Data contract tests for `retrovue network export` (contracts/network/export.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { applyOk, exportText, type NetworkDoc, writeNetworkFile } from '../../support/network-files.js';
import { ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { exportedGuidesAgree } from '../../support/network-round-trip.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-network-export-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

type Entry = Record<string, unknown>;

/** Channels 10, 2, 7.10, 7.1, 7.9 (declared out of dial order), one with every grid and playout field set. */
const numbered: NetworkDoc = {
  version: 1,
  // Name order is code-point order: U+FF01 before U+1F600 (UTF-16 code units would put the emoji first).
  'synthetic-assets': ['😀', 'Card', '\uFF01', 'a'].map((name) => ({ name, kind: 'slate', seconds: 60 })),
  programs: [
    { name: 'b-side', kind: 'block', links: ['synthetic:Card'] },
    { name: 'Zulu', kind: 'movie', links: ['synthetic:Card'], 'play-mode': 'random', 'allow-breaks': true },
    { name: 'alpha', kind: 'block', links: ['program:b-side'], 'play-mode': 'sequential', 'allow-breaks': false },
  ],
  channels: [
    { id: 'ten', name: 'Ten', number: '10', timezone: 'UTC' },
    { id: 'two', name: 'Two', number: '2', timezone: 'UTC', plans: [{ name: 'weekend', days: 'SAT,SUN', priority: 5 }, { name: 'always', priority: 0 }] },
    { id: 'seven-ten', name: 'Seven Ten', number: '7.10', timezone: 'UTC' },
    {
      id: 'seven-one',
      name: 'Seven One',
      number: '7.1',
      timezone: 'Europe/London',
      'grid-block-minutes': 15,
      'block-start-offsets-minutes': [0, 5],
      'programming-day-start': '05:00',
      enabled: false,
      'audio-languages': ['jpn', 'eng'],
      subtitles: 'always',
      'subtitle-languages': ['eng'],
      'loudness-target': '-23',
    },
    { id: 'seven-nine', name: 'Seven Nine', number: '7.9', timezone: 'UTC' },
  ],
};

forEachDatabase((fx) => {
  test('D-1: two exports of an unchanged network are byte for byte the same; channels in dial order (2, 7.1, 7.9, 7.10, 10), other objects by name in code-point order; defaults left out, other values written', async () => {
    await applyOk(fx.database, writeNetworkFile(scratch, numbered));
    // A channel made by `channel add` with every default: none of its defaulted fields is written.
    await ok(fx.database, ['channel', 'add', '--id', 'plain', '--name', 'Plain', '--number', '4', '--timezone', 'UTC']);
    const first = await exportText(fx.database);
    assert.equal(await exportText(fx.database), first, 'a second export is byte for byte the first');
    const network = parse(first) as NetworkDoc;
    // What a YAML 1.1 reader would take for a number (sexagesimal 06:00) is quoted: every tool reads the same file.
    assert.match(first, /^ {4}programming-day-start: "05:00"$/m);
    assert.deepEqual(parse(first, { version: '1.1' }), network);
    const channels = network['channels'] as Entry[];
    assert.deepEqual(channels.map((c) => c['number']), ['2', '4', '7.1', '7.9', '7.10', '10']);
    assert.deepEqual((network['programs'] as Entry[]).map((p) => p['name']), ['Zulu', 'alpha', 'b-side']);
    assert.deepEqual((network['synthetic-assets'] as Entry[]).map((p) => p['name']), ['Card', 'a', '\uFF01', '😀']);
    const byId = new Map(channels.map((c) => [c['id'], c]));
    assert.deepEqual(byId.get('plain'), { id: 'plain', name: 'Plain', number: '4', timezone: 'UTC' });
    assert.deepEqual(byId.get('seven-one'), { ...(numbered['channels'] as Entry[])[3] });
    assert.deepEqual((byId.get('two')?.['plans'] as Entry[]).map((p) => p), [{ name: 'always' }, { name: 'weekend', days: 'SAT,SUN', priority: 5 }]);
    const programs = new Map((network['programs'] as Entry[]).map((p) => [p['name'], p]));
    assert.deepEqual(programs.get('alpha'), { name: 'alpha', kind: 'block', links: ['program:b-side'] });
    assert.deepEqual(programs.get('Zulu'), { name: 'Zulu', kind: 'movie', links: ['synthetic:Card'], 'play-mode': 'random', 'allow-breaks': true });
    // Applying the export changes nothing, and the network exports the same bytes again.
    const again = await applyOk(fx.database, writeNetworkFile(scratch, network, 'again.yaml'));
    assert.deepEqual(again.changes, []);
    assert.equal(await exportText(fx.database), first);
  });

  test('D-2: the export of a network built from real media, applied to an empty home by the binary and built there, exports the same file and gives the same guide', async () => {
    await exportedGuidesAgree(fx, scratch);
  });

  test('D-3: a source\'s token or API key is not written to the file (nor its mask); its other settings are', async () => {
    await ok(fx.database, ['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://nas.invalid:32400', '--token', 'tok-export-D3', '--config', '{"page_size":50}']);
    await ok(fx.database, ['source', 'add', '--type', 'jellyfin', '--name', 'jf', '--url', 'http://nas.invalid:8096', '--api-key', 'key-export-D3']);
    const text = await exportText(fx.database);
    assert.doesNotMatch(text, /tok-export-D3|key-export-D3|\*{8}|token|api_key/);
    const sources = (parse(text) as { sources: Entry[] }).sources;
    assert.deepEqual(sources, [
      { name: 'jf', type: 'jellyfin', config: { url: 'http://nas.invalid:8096', timeout_ms: 30000, page_size: 200 } },
      { name: 'plex', type: 'plex', config: { url: 'http://nas.invalid:32400', timeout_ms: 30000, page_size: 50 } },
    ]);
  });
});
