// guideProgrammes, the one function every guide is built from: gapless per channel (breaks belong to the
// programme before them, across programming days; off-air time is its own "Off Air" programme), first
// airings; and the XMLTV made from it accepted by the XMLTV project's tv_validate_file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../src/scheduling/time/civil-date.js';
import { type EpgChannel, type EpgProgramme, firstAiringKey, guideChannelId, guideProgrammes } from '../../src/scheduling/epg/epg-guide.js';
import { renderM3u } from '../../src/scheduling/epg/m3u-renderer.js';
import { renderXmltv } from '../../src/scheduling/epg/xmltv-renderer.js';
import { schedulingLibrary } from '../../src/scheduling/library/schedulable-asset.js';
import { resolveScheduleDay } from '../../src/scheduling/schedule-day/schedule-day-resolver.js';
import { type ScheduleDay, slotsOf } from '../../src/scheduling/schedule-day/schedule-day.js';
import { asset, catalog, channel, plan, zone } from './scheduling-fixtures.js';
import { arbitraryScenario } from './scheduling-scenarios.js';
import { tvValidateFile } from '../support/xmltv-validator.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-guide-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const none = new Map<string, number>();
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function validate(xml: string): { ok: boolean; report: string } {
  const file = join(scratch, 'guide.xml');
  writeFileSync(file, xml);
  return tvValidateFile(file);
}

/** The demo's shape: a 1-minute grid from 06:00 whose day zone leaves 23:59-00:00 and whose night zone leaves 05:58-06:00 to avails. */
function demoLikeDays(count: number, opts: { nightZone?: boolean } = {}): ScheduleDay[] {
  const film = asset('film', 83, { kind: 'movie', title: 'Feature & Film', year: 1984, categories: ['Movie'] });
  const night = asset('night', 179, { series: 'Night Owls', season: 1, episode: 2, title: 'Dawn', description: '  ', categories: ['Talk', ' '] });
  const zones = [zone('day', 0, 1080, [{ kind: 'asset', assetId: 'film' }]), ...(opts.nightZone === false ? [] : [zone('night', 1080, 1440, [{ kind: 'asset', assetId: 'night' }])])];
  const days: ScheduleDay[] = [];
  for (let i = 0; i < count; i++) {
    days.push(
      resolveScheduleDay({
        channel: channel({ gridBlockMinutes: 1 }),
        date: addDays('2025-03-08', i),
        plans: [plan(zones)],
        library: schedulingLibrary({}),
        catalog: catalog([film, night]),
        seed: 'retro1',
        carryIn: days[i - 1]?.carryOut ?? null,
      }),
    );
  }
  return days;
}

/** Each stop is the next start, and nothing of a programme lies in off-air time. */
function assertTiles(programmes: readonly EpgProgramme[], days: readonly ScheduleDay[]): void {
  for (let i = 1; i < programmes.length; i++) {
    assert.equal(programmes[i]?.startMs, programmes[i - 1]?.stopMs, `programme ${i} starts where ${i - 1} stops`);
  }
  for (const p of programmes) assert.ok(p.stopMs > p.startMs);
  const offAir = days.flatMap((d) => d.offAir);
  for (const p of programmes.filter((x) => x.kind === 'programme')) {
    for (const o of offAir) assert.ok(p.stopMs <= o.startMs || p.startMs >= o.endMs, `${p.guide.title} ${hhmm(p.startMs)}-${hhmm(p.stopMs)} claims off-air ${hhmm(o.startMs)}-${hhmm(o.endMs)}`);
  }
}

describe('guideProgrammes', () => {
  test('export D-3: avails (23:59-00:00, 05:58-06:00) belong to the programme before them, across the programming-day boundary', () => {
    const days = demoLikeDays(2);
    const guide = guideProgrammes(days, none);
    assertTiles(guide, days);
    const avails = days.flatMap((d) => d.entries).filter((e) => e.kind === 'avail');
    assert.deepEqual(avails.map((a) => `${hhmm(a.startMs)}-${hhmm(a.endMs)}${a.kind === 'avail' && a.offAir ? ' off' : ''}`), ['23:59-00:00', '05:58-06:00', '23:59-00:00', '05:58-06:00']);
    const lastFilm = guide.filter((p) => p.guide.title === 'Feature & Film')[12];
    assert.equal(`${hhmm(lastFilm?.startMs as number)}-${hhmm(lastFilm?.stopMs as number)}`, '22:36-00:00');
    const dawn = guide.filter((p) => p.guide.title === 'Night Owls');
    assert.equal(hhmm(dawn[1]?.stopMs as number), '06:00');
    assert.equal(dawn[1]?.stopMs, days[1]?.dayStartMs, 'the night programme runs to the next programming day');
    assert.equal(guide[0]?.startMs, days[0]?.coverStartMs);
    assert.equal(guide.at(-1)?.stopMs, days.at(-1)?.coverEndMs);
    assert.equal(guide.length, days.flatMap(slotsOf).length, 'one programme per slot, no entry of its own for an avail');
  });

  test('export D-3: time no zone covers is an explicit "Off Air" programme, never the programme before it', () => {
    const days = demoLikeDays(2, { nightZone: false });
    const guide = guideProgrammes(days, none);
    assertTiles(guide, days);
    const off = guide.filter((p) => p.kind === 'off-air');
    assert.deepEqual(off.map((p) => `${p.guide.title} ${hhmm(p.startMs)}-${hhmm(p.stopMs)}`), ['Off Air 00:00-06:00', 'Off Air 00:00-06:00']);
    assert.equal(off[0]?.slotId, null);
    assert.equal(off[0]?.airing, null);
    // 23:59-00:00 is still the film's zone: a break, so the film runs on to midnight.
    const beforeOff = guide[guide.indexOf(off[0] as EpgProgramme) - 1];
    assert.equal(hhmm(beforeOff?.stopMs as number), '00:00');
  });

  test('export D-3 property: for random schedules every channel\'s programmes tile its built days, each slot once, off-air time never claimed', () => {
    fc.assert(
      fc.property(arbitraryScenario, (s) => {
        const days: ScheduleDay[] = [];
        for (let i = 0; i < s.days; i++) {
          days.push(resolveScheduleDay({ channel: s.channel, date: addDays(s.startDate, i), plans: s.plans, library: s.library, catalog: s.catalog, seed: s.seed, carryIn: days[i - 1]?.carryOut ?? null }));
        }
        const guide = guideProgrammes(days, none);
        assertTiles(guide, days);
        const slots = days.flatMap(slotsOf);
        assert.deepEqual(guide.filter((p) => p.kind === 'programme').map((p) => [p.slotId, p.startMs]), slots.map((x) => [x.slotId, x.startMs]));
        // The tiling reaches the end of the last day; before its start lie only breaks with no programme before them.
        if (guide.length > 0) assert.equal(guide.at(-1)?.stopMs, days.at(-1)?.coverEndMs);
        const lead = days.flatMap((d) => d.entries).filter((e) => e.startMs < (guide[0]?.startMs ?? Infinity));
        assert.ok(lead.every((e) => e.kind === 'avail' && !e.offAir));
      }),
      { numRuns: 150 },
    );
  });

  test('export D-4: new when no earlier airing of the asset on the channel is known, previously shown otherwise; synthetic and off air neither', () => {
    const days = demoLikeDays(1);
    const [firstFilm, secondFilm] = slotsOf(days[0] as ScheduleDay);
    const firsts = new Map([[firstAiringKey('retro1', 'film'), firstFilm?.startMs as number]]);
    const guide = guideProgrammes(days, firsts);
    assert.equal(guide.find((p) => p.slotId === firstFilm?.slotId)?.airing, 'new');
    assert.equal(guide.find((p) => p.slotId === secondFilm?.slotId)?.airing, 'repeat');
    assert.equal(guide.find((p) => p.guide.title === 'Night Owls')?.airing, 'new', 'nothing known of it: a first airing');
    const aired = guideProgrammes(days, new Map([[firstAiringKey('retro1', 'film'), (firstFilm?.startMs as number) - 1]]));
    assert.equal(aired.find((p) => p.slotId === firstFilm?.slotId)?.airing, 'repeat', 'aired before the guide\'s first day');
  });
});

describe('XMLTV accepted by tv_validate_file', () => {
  const hostile = 'Tom & Jerry <"quoted"> \'s\u0001\u0085 \u{1F4FA} \uD800 \uFFFD] \u00EF\u00BF\u00BD end &amp';
  const retro: EpgChannel = { id: 'retro1', guideId: guideChannelId('retro1', 'tv.example.org'), name: `Retro ${hostile}`, number: '3', timezone: 'America/New_York', logoUrl: 'http://tv.local/channel/retro1/logo?a=1&b=2' };
  const empty: EpgChannel = { id: 'empty', guideId: guideChannelId('empty'), name: 'Nothing built', number: '9', timezone: 'UTC', logoUrl: null };

  test('export B-4: ids <id>.<domain>, hostile text, off air, new and previously-shown, a channel with no programme left out', () => {
    const days = demoLikeDays(2, { nightZone: false });
    const [first] = slotsOf(days[0] as ScheduleDay);
    const guide = guideProgrammes(days, new Map([[firstAiringKey('retro1', 'film'), first?.startMs as number]])).map((p, i) =>
      i === 0 ? { ...p, guide: { ...p.guide, title: hostile, subtitle: hostile, description: ' \t' } } : p,
    );
    const xml = renderXmltv([retro, empty], guide);
    const verdict = validate(xml);
    assert.ok(verdict.ok, verdict.report);
    assert.match(xml, /<channel id="retro1\.tv\.example\.org">/);
    assert.match(xml, /channel="retro1\.tv\.example\.org"/);
    assert.doesNotMatch(xml, /empty\.retrovue/);
    assert.match(xml, /<title>Off Air<\/title>/);
    assert.equal((xml.match(/<new\/>/g) ?? []).length, 1);
    assert.ok((xml.match(/<previously-shown\/>/g) ?? []).length > 10);
    assert.match(xml, /<icon src="http:\/\/tv\.local\/channel\/retro1\/logo\?a=1&amp;b=2"\/>/);
    assert.doesNotMatch(xml, /\uFFFD|\u0085|<desc>/);
  });

  test('export B-4: the checker does refuse what the renderer avoids (a bare id, a channel without programmes)', () => {
    const days = demoLikeDays(1);
    const bare = renderXmltv([{ ...retro, guideId: 'retro1' }], guideProgrammes(days, none));
    assert.match(validate(bare).report, /Invalid channel-id 'retro1'/);
    const lonely = renderXmltv([retro], guideProgrammes(days, none)).replace('</tv>', '  <channel id="lonely.retrovue"><display-name>x</display-name></channel>\n</tv>');
    assert.ok(!validate(lonely).ok);
  });

  test('channel export D-1: the M3U tvg-id is the XMLTV channel id', () => {
    const m3u = renderM3u([retro], { baseUrl: 'http://tv.local:8000' });
    assert.match(m3u, /tvg-id="retro1\.tv\.example\.org"/);
    assert.match(m3u, /tvg-logo="http:\/\/tv\.local\/channel\/retro1\/logo\?a=1&b=2"/);
  });
});
