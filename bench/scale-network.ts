// The network file the scale bench applies: N channels on the demo library (`retrovue demo media`).
// Shape "demo" is the demo network's own (src/demo/demo-network-plan.ts: a one-minute grid, because the
// demo media is seconds long): 1,440 programmes and ~6,000 playlog events a channel-day, which at 1,000
// channels is a 1.6 GB guide. Shape "real" (the default) keeps a real channel's density — a 30-minute grid,
// ~48 programmes and a few hundred events a day — with synthetic programmes of real lengths, the demo's
// series in the noon hour and the demo's bumpers and commercials in every break. The channels share
// programs and vary which one each zone airs, their time zone and their programming-day start. Pure: text out.
import { stringify } from 'yaml';

const mornings = ['program:Captain Comet', 'program:Sitcoms', 'program:Movies'];
const afternoons = ['program:Sitcoms', 'program:Kitchen Capers', 'program:Mystery Manor'];
const evenings = ['program:Movies', 'virtual:Premieres', 'program:Mystery Manor'];
const overnights = ['program:Sitcoms', 'synthetic:Test Card', 'program:Movies', 'program:Captain Comet'];
const timezones = ['America/New_York', 'Europe/London', 'UTC', 'America/Los_Angeles', 'Australia/Sydney'];

const pick = (list: readonly string[], i: number): string => list[i % list.length] as string;

export type ScaleShape = 'real' | 'demo';

const shows = ['synthetic:Morning Show', 'synthetic:Matinee', 'synthetic:Late Movie'];

function realZones(i: number, start: string): Record<string, unknown>[] {
  return [
    { name: 'mornings', start, end: '12:00', items: [pick(shows, i), pick(shows, i + 1)] },
    { name: 'noon', start: '12:00', end: '13:00', items: [pick(mornings, i)] },
    { name: 'afternoons', start: '13:00', end: '18:00', items: [pick(shows, i + 1)] },
    { name: 'evenings', start: '18:00', end: '24:00', items: [pick(shows, i + 2), pick(shows, i)] },
    { name: 'overnight', start: '00:00', end: start, items: ['synthetic:Test Card'] },
  ];
}

function demoZones(i: number, start: string): Record<string, unknown>[] {
  return [
    { name: 'mornings', start, end: '12:00', items: [pick(mornings, i)] },
    { name: 'afternoons', start: '12:00', end: '18:00', items: [pick(afternoons, i + 1)] },
    { name: 'evenings', start: '18:00', end: '24:00', items: [pick(evenings, i + 2)] },
    { name: 'overnight', start: '00:00', end: start, items: [pick(overnights, i + 3)] },
  ];
}

function channel(i: number, shape: ScaleShape): Record<string, unknown> {
  const start = i % 2 === 0 ? '06:00' : '05:00';
  return {
    id: `ch${i}`,
    name: `Scale ${i}`,
    number: i + 2,
    'grid-block-minutes': shape === 'real' ? 30 : 1,
    'programming-day-start': start,
    timezone: pick(timezones, i),
    plans: [
      {
        name: 'everyday',
        zones: shape === 'real' ? realZones(i, start) : demoZones(i, start),
      },
    ],
    interstitials: [
      { collection: 'lib/Bumpers', role: 'bumper' },
      { collection: 'lib/Commercials', role: 'commercial' },
    ],
  };
}

/** The network file (YAML) of `count` channels over the demo library at `mediaDir`. */
export function scaleNetworkFile(mediaDir: string, count: number, shape: ScaleShape): string {
  return stringify({
    version: 1,
    sources: [
      {
        name: 'lib',
        type: 'filesystem',
        'base-path': mediaDir,
        collections: ['Series', 'Movies', 'Bumpers', 'Commercials'].map((name) => ({ name, 'ingest-enabled': true })),
      },
    ],
    'synthetic-assets': [
      { name: 'Test Card', kind: 'test-card', seconds: 1800, text: 'Back at six' },
      // Programmes of real lengths (a break's worth short of their blocks).
      { name: 'Morning Show', kind: 'color-bars', seconds: 1740, text: 'Morning Show' },
      { name: 'Matinee', kind: 'slate', seconds: 3420, text: 'Matinee' },
      { name: 'Late Movie', kind: 'test-card', seconds: 5280, text: 'Late Movie' },
    ],
    'virtual-assets': [{ name: 'Premieres', collection: 'lib/Movies', kinds: ['movie'], unplayed: true, order: 'random' }],
    programs: [
      { name: 'Captain Comet', kind: 'series', links: ['series:Captain Comet'], categories: ['Animation', 'Kids'] },
      { name: 'Kitchen Capers', kind: 'series', links: ['series:Kitchen Capers'], categories: ['Comedy'] },
      { name: 'Mystery Manor', kind: 'series', links: ['series:Mystery Manor'], categories: ['Comedy', 'Mystery'] },
      { name: 'Sitcoms', kind: 'block', links: ['program:Kitchen Capers', 'program:Mystery Manor'] },
      { name: 'Movies', kind: 'movie', 'play-mode': 'shuffle', links: ['collection:lib/Movies'], categories: ['Movie'] },
    ],
    channels: Array.from({ length: count }, (_, i) => channel(i, shape)),
  });
}
