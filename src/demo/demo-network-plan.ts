// What the demo network holds, as the inputs an operator would type: three channels on a one-minute grid
// (the demo media is seconds long), each with cartoons in the morning, sitcoms in the afternoon, movies in
// prime time and something overnight — sitcom reruns, movies, and the retro test card on one channel only,
// so a newcomer tunes in to programmes at any hour; bumpers and commercials fill every avail. Pure data.
import type { ProgramAddInput, SyntheticAssetAddInput, VirtualAssetAddInput } from '../../generated/contract-types.js';

export const demoSource = 'demo';
export const demoCollections = ['Series', 'Movies', 'Bumpers', 'Commercials'] as const;

export const demoSynthetics: readonly SyntheticAssetAddInput[] = [
  { name: 'Overnight Test Card', kind: 'test-card', seconds: 1800, text: 'RetroVue — back at six' },
];

export const demoVirtuals: readonly VirtualAssetAddInput[] = [
  {
    name: 'Prime Time Premiere',
    collection: `${demoSource}/Movies`,
    series: undefined,
    kinds: ['movie'],
    tags: undefined,
    minMinutes: undefined,
    maxMinutes: undefined,
    unplayed: true,
    order: 'random',
  },
];

const program = (name: string, kind: ProgramAddInput['kind'], link: string[], playMode: ProgramAddInput['playMode'] = 'sequential', categories: string[] = []): ProgramAddInput => ({
  name,
  kind,
  link,
  playMode,
  allowBreaks: false,
  description: undefined,
  categories,
});

export const demoPrograms: readonly ProgramAddInput[] = [
  program('Captain Comet', 'series', ['series:Captain Comet'], 'sequential', ['Animation', 'Kids']),
  program('Kitchen Capers', 'series', ['series:Kitchen Capers'], 'sequential', ['Comedy']),
  program('Mystery Manor', 'series', ['series:Mystery Manor'], 'sequential', ['Comedy', 'Mystery']),
  program('Sitcom Block', 'block', ['program:Kitchen Capers', 'program:Mystery Manor'], 'sequential', ['Comedy']),
  program('Feature Films', 'movie', [`collection:${demoSource}/Movies`], 'shuffle', ['Movie']),
];

export interface DemoZone {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly items: readonly string[];
}

export interface DemoChannel {
  readonly id: string;
  readonly name: string;
  readonly number: string;
  readonly zones: readonly DemoZone[];
}

const day = (cartoons: string, sitcoms: string, movies: string, overnight: string): DemoZone[] => [
  { name: 'cartoons', start: '06:00', end: '12:00', items: [cartoons] },
  { name: 'sitcoms', start: '12:00', end: '18:00', items: [sitcoms] },
  { name: 'prime-time', start: '18:00', end: '24:00', items: [movies] },
  { name: 'overnight', start: '00:00', end: '06:00', items: [overnight] },
];

export const demoChannels: readonly DemoChannel[] = [
  { id: 'toons', name: 'Toon Time', number: '2', zones: day('program:Captain Comet', 'program:Sitcom Block', 'virtual:Prime Time Premiere', 'program:Sitcom Block') },
  { id: 'sitcoms', name: 'Sitcom Central', number: '3', zones: day('program:Captain Comet', 'program:Kitchen Capers', 'program:Feature Films', 'synthetic:Overnight Test Card') },
  { id: 'movies', name: 'Movie Palace', number: '4', zones: day('program:Captain Comet', 'program:Mystery Manor', 'program:Feature Films', 'program:Feature Films') },
];
