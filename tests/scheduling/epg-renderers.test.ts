// EPG renderers: XMLTV validated by xmllint against the XMLTV DTD (Debian: libxml2-utils, libxmltv-perl),
// parsed back and compared with the ScheduleDays; the JSON guide; the M3U playlist.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { addDays } from '../../src/scheduling/time/civil-date.js';
import { type EpgChannel, guideChannelId, guideProgrammes } from '../../src/scheduling/epg/epg-guide.js';
import { epgJson } from '../../src/scheduling/epg/epg-json-renderer.js';
import { renderM3u } from '../../src/scheduling/epg/m3u-renderer.js';
import { schedulingLibrary } from '../../src/scheduling/library/schedulable-asset.js';
import { resolveScheduleDay } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { type ScheduleDay, slotsOf } from '../../src/scheduling/schedule-day/schedule-day.js';
import { renderXmltv, xmltvTime } from '../../src/scheduling/epg/xmltv-renderer.js';
import { asset, catalog, channel, plan, program, programRef, seriesLink, zone } from './scheduling-fixtures.js';
import { arbitraryScenario } from './scheduling-scenarios.js';

/** Where Debian's libxmltv-perl (and xmltv-util) put the XMLTV DTD. */
const xmltvDtd = '/usr/share/sgml/xmltv/dtd/0.5/xmltv.dtd';
const scratch = mkdtempSync(join(tmpdir(), 'retrovue-xmltv-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs xmllint against the DTD; returns its complaints ('' when valid). */
function dtdErrors(xml: string): string {
  assert.ok(existsSync(xmltvDtd), `the XMLTV DTD is missing at ${xmltvDtd}: apt-get install libxml2-utils libxmltv-perl`);
  const file = join(scratch, 'guide.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', xmltvDtd, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    const e = error as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT') assert.fail('xmllint is missing: apt-get install libxml2-utils');
    return e.stderr?.toString() ?? String(error);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (name) => ['channel', 'programme', 'display-name', 'category', 'episode-num'].includes(name) });

interface ParsedProgramme {
  '@start': string;
  '@stop': string;
  '@channel': string;
  title: string;
  'sub-title'?: string;
  desc?: string;
  date?: string | number;
  category?: string[];
  'episode-num'?: Array<{ '@system': string; '#text': string }>;
}

const hostile = 'Tom & Jerry <"quoted"> \'s\u0001 \u{1F4FA} \uD800 end';
const retro: EpgChannel = { id: 'retro1', guideId: guideChannelId('retro1'), name: `Retro ${hostile}`, number: '3', timezone: 'America/New_York', logoUrl: 'http://tv.local/logo.png?a=1&b=2' };

function sampleDays(): ScheduleDay[] {
  const eps = Array.from({ length: 4 }, (_, i) =>
    asset(`ep${i + 1}`, 22, { series: 'Captain Comet', season: 2, episode: i + 1, title: i === 0 ? hostile : `Ep ${i + 1}`, description: 'Space & time', categories: ['Kids', 'Animation'], year: 1987 }),
  );
  const movie = asset('movie', 95, { kind: 'movie', title: 'The Movie', year: 1984, collectionId: 'col' });
  const comet = program('comet', [seriesLink('Captain Comet')]);
  const days: ScheduleDay[] = [];
  for (let i = 0; i < 2; i++) {
    days.push(
      resolveScheduleDay({
        channel: channel({ timezone: 'America/New_York' }),
        date: addDays('2025-03-08', i), // crosses the spring-forward night
        plans: [plan([zone('Kids', 0, 60, [programRef('comet')]), zone('Movie', 840, 960, [{ kind: 'asset', assetId: 'movie' }])])],
        library: schedulingLibrary({ programs: [comet] }),
        catalog: catalog([...eps, movie]),
        seed: 'retro1',
        carryIn: days[i - 1]?.carryOut ?? null,
      }),
    );
  }
  return days;
}

describe('XMLTV', () => {
  test('validates against the XMLTV DTD, hostile text included, and carries one programme per slot with its resolved times', () => {
    const days = sampleDays();
    const xml = renderXmltv([retro], guideProgrammes(days, new Map()));
    assert.equal(dtdErrors(xml), '');
    const tv = parser.parse(xml).tv as { channel: Array<{ '@id': string; 'display-name': string[]; icon: { '@src': string } }>; programme: ParsedProgramme[] };
    assert.deepEqual(tv.channel[0]?.['display-name'], [`Retro Tom & Jerry <"quoted"> 's \u{1F4FA}  end`, '3']);
    assert.equal(tv.channel[0]?.icon['@src'], retro.logoUrl);
    const slots = days.flatMap(slotsOf);
    const shown = tv.programme.filter((p) => p.title !== 'Off Air');
    assert.equal(shown.length, slots.length);
    shown.forEach((p, i) => {
      const slot = slots[i];
      assert.equal(p['@start'], xmltvTime(slot?.startMs as number, 'America/New_York'));
      assert.equal(p['@channel'], 'retro1.retrovue');
    });
    const [first] = tv.programme;
    assert.equal(first?.title, 'Captain Comet');
    assert.equal(first?.['sub-title'], `Tom & Jerry <"quoted"> 's \u{1F4FA}  end`);
    assert.equal(first?.desc, 'Space & time');
    assert.equal(String(first?.date), '1987');
    assert.deepEqual(first?.category, ['Kids', 'Animation']);
    assert.deepEqual(first?.['episode-num'], [{ '@system': 'xmltv_ns', '#text': '1.0.' }, { '@system': 'onscreen', '#text': 'S02E01' }]);
    const film = tv.programme.find((p) => p.title === 'The Movie');
    assert.equal(film?.['episode-num'], undefined);
    assert.equal(String(film?.date), '1984');
  });

  test('times are the channel wall clock with its offset, across DST and odd offsets', () => {
    assert.equal(xmltvTime(Date.parse('2025-03-09T06:59:00Z'), 'America/New_York'), '20250309015900 -0500');
    assert.equal(xmltvTime(Date.parse('2025-03-09T07:00:00Z'), 'America/New_York'), '20250309030000 -0400');
    assert.equal(xmltvTime(Date.parse('2025-01-01T00:00:00Z'), 'Pacific/Chatham'), '20250101134500 +1345');
    assert.equal(xmltvTime(Date.parse('2025-01-01T00:00:00Z'), 'Asia/Kathmandu'), '20250101054500 +0545');
  });

  test('an empty guide (no channels, no days) is still valid XMLTV', () => {
    assert.equal(dtdErrors(renderXmltv([], [])), '');
    assert.equal(dtdErrors(renderXmltv([retro], [])), '', 'a channel with no programme is left out, leaving an empty guide');
  });

  test('property: for random schedules the XMLTV validates and lists exactly the guide programmes (slots and Off Air), never avails', () => {
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const days: ScheduleDay[] = [];
        for (let i = 0; i < s.days; i++) {
          days.push(resolveScheduleDay({ channel: s.channel, date: addDays(s.startDate, i), plans: s.plans, library: s.library, catalog: s.catalog, seed: s.seed, carryIn: days[i - 1]?.carryOut ?? null }));
        }
        const ch: EpgChannel = { id: s.channel.id, guideId: guideChannelId(s.channel.id), name: 'Prop', number: '1', timezone: s.channel.timezone, logoUrl: null };
        const expected = guideProgrammes(days, new Map());
        const xml = renderXmltv([ch], expected);
        assert.equal(dtdErrors(xml), '');
        const programmes = (parser.parse(xml).tv.programme ?? []) as ParsedProgramme[];
        assert.deepEqual(
          programmes.map((p) => [p['@start'], p['@stop'], p.title]),
          expected.map((p) => [xmltvTime(p.startMs, s.channel.timezone), xmltvTime(p.stopMs, s.channel.timezone), p.guide.title]),
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe('JSON guide', () => {
  test('lists every channel in dial order with its programmes, instants as ISO and epoch ms', () => {
    const days = sampleDays();
    const other: EpgChannel = { id: 'aaa', guideId: guideChannelId('aaa'), name: 'Other', number: '10', timezone: 'UTC', logoUrl: null };
    const guide = epgJson([other, retro], guideProgrammes(days, new Map()));
    assert.deepEqual(guide.channels.map((c) => c.id), ['retro1', 'aaa']);
    assert.deepEqual(guide.channels[1]?.programmes, []);
    const [first] = guide.channels[0]?.programmes ?? [];
    const slot = slotsOf(days[0] as ScheduleDay)[0];
    assert.equal(first?.start_ms, slot?.startMs);
    assert.equal(first?.start, new Date(slot?.startMs as number).toISOString());
    assert.equal(first?.episode_onscreen, 'S02E01');
    assert.equal(first?.kind, 'programme');
    assert.equal(first?.airing, 'new');
    assert.equal(guide.channels[0]?.guide_id, 'retro1.retrovue');
  });
});

describe('M3U', () => {
  const channels: EpgChannel[] = [
    { id: 'retro2', guideId: 'retro2.retrovue', name: 'Second', number: '12', timezone: 'UTC', logoUrl: null },
    { id: 'retro1', guideId: 'retro1.retrovue', name: 'Retro "One"\r\n#EXTINF:-1,injected', number: '3', timezone: 'UTC', logoUrl: 'http://tv.local/one.png' },
  ];

  test('one entry per channel in dial order, matched to the guide by tvg-id, streaming from <base>/channel/<id>.ts', () => {
    const text = renderM3u(channels, { baseUrl: 'http://tv.local:8080/', epgUrl: 'http://tv.local:8080/epg.xml' });
    assert.equal(
      text,
      [
        '#EXTM3U url-tvg="http://tv.local:8080/epg.xml"',
        `#EXTINF:-1 tvg-id="retro1.retrovue" tvg-chno="3" tvg-name="Retro 'One' #EXTINF:-1,injected" tvg-logo="http://tv.local/one.png" group-title="RetroVue",Retro "One" #EXTINF:-1,injected`,
        'http://tv.local:8080/channel/retro1.ts',
        '#EXTINF:-1 tvg-id="retro2.retrovue" tvg-chno="12" tvg-name="Second" group-title="RetroVue",Second',
        'http://tv.local:8080/channel/retro2.ts',
        '',
      ].join('\n'),
    );
    // A name cannot start a line of its own: every line is a header, an #EXTINF or a stream URL.
    for (const line of text.trimEnd().split('\n')) assert.match(line, /^(#EXTM3U|#EXTINF:-1 |http:\/\/tv\.local:8080\/channel\/)/);
  });

  test('refuses a base URL that is not http(s)', () => {
    for (const bad of ['tv.local', 'ftp://tv.local', 'http://tv.local/?q=1', '']) {
      assert.throws(() => renderM3u(channels, { baseUrl: bad }), /--base-url must be an http:\/\/ or https:\/\/ URL/);
    }
  });
});
