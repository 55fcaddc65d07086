// What the demo library holds: a fixed, deterministic list of small files that exercise ingest and
// playout with the variety of a real shelf (resolutions, frame rates, containers, audio layouts,
// chapters, interlacing) plus deliberately broken files. Pure data; media-library.ts makes the files.

export type FrameRate = '25' | '30000/1001' | '24';
export type AudioLayout = 'stereo' | 'mono' | '5.1';
// Encoders every ffmpeg build has (no libmp3lame): the library must generate anywhere.
export type DemoAudio = { layout: AudioLayout; codec: 'aac' | 'ac3' | 'mp2'; frequencyHz: number; sampleRate?: number };

export type DemoMediaSpec = {
  /** Relative to the library root, '/'-separated. The extension picks the container. */
  path: string;
  kind: 'episode' | 'movie' | 'bumper' | 'commercial';
  /** Burnt into the picture when the drawtext filter is available. */
  caption: string;
  seconds: number;
  width: number;
  height: number;
  frameRate: FrameRate;
  /** Absent: the file has no audio stream at all. */
  audio?: DemoAudio;
  /** Chapter boundaries in seconds after 0; each chapter runs to the next one or to the end. */
  chapterStarts?: number[];
  interlaced?: boolean;
  /** Index at the front of an mp4, as web-ready files have it. */
  faststart?: boolean;
};

export type DemoBrokenSpec = {
  path: string;
  kind: 'broken';
  defect: 'zero-length' | 'truncated' | 'not-media';
};

export type DemoSpec = DemoMediaSpec | DemoBrokenSpec;

type SeriesPlan = {
  name: string;
  ext: 'mp4' | 'mkv';
  width: number;
  height: number;
  frameRate: FrameRate;
  audio?: DemoAudio;
  chapterStarts?: number[];
  episodes: Array<{ season: number; episode: number; title: string; seconds: number }>;
};

// Each series has its own tone so a listener can tell channels apart by ear.
const SERIES: readonly SeriesPlan[] = [
  {
    name: 'Captain Comet', ext: 'mp4', width: 320, height: 240, frameRate: '25',
    audio: { layout: 'stereo', codec: 'aac', frequencyHz: 440, sampleRate: 44100 }, chapterStarts: [8, 15],
    episodes: [
      { season: 1, episode: 1, title: 'Launch Day', seconds: 20 },
      { season: 1, episode: 2, title: 'The Moon Maze', seconds: 22 },
      { season: 1, episode: 3, title: 'Comet Tail', seconds: 24 },
    ],
  },
  {
    name: 'Mystery Manor', ext: 'mkv', width: 640, height: 360, frameRate: '30000/1001',
    audio: { layout: 'stereo', codec: 'ac3', frequencyHz: 554 }, chapterStarts: [7, 14],
    episodes: [
      { season: 1, episode: 1, title: 'The Locked Study', seconds: 20 },
      { season: 1, episode: 2, title: 'Footsteps', seconds: 20 },
      { season: 1, episode: 3, title: 'The Butler Knows', seconds: 21 },
    ],
  },
  {
    name: 'Kitchen Capers', ext: 'mp4', width: 320, height: 240, frameRate: '24',
    audio: { layout: 'mono', codec: 'aac', frequencyHz: 659 },
    episodes: [
      { season: 1, episode: 1, title: 'Pancake Panic', seconds: 20 },
      { season: 1, episode: 2, title: 'Soup Surprise', seconds: 20 },
      { season: 2, episode: 1, title: 'The Big Bake', seconds: 20 },
      { season: 2, episode: 2, title: 'Noodle Night', seconds: 20 },
    ],
  },
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

function episodeSpecs(series: SeriesPlan): DemoMediaSpec[] {
  return series.episodes.map((ep) => {
    const code = `S${pad2(ep.season)}E${pad2(ep.episode)}`;
    const spec: DemoMediaSpec = {
      path: `Series/${series.name}/Season ${pad2(ep.season)}/${series.name} - ${code} - ${ep.title}.${series.ext}`,
      kind: 'episode',
      caption: `${series.name} ${code} ${ep.title}`,
      seconds: ep.seconds,
      width: series.width,
      height: series.height,
      frameRate: series.frameRate,
    };
    if (series.audio !== undefined) spec.audio = series.audio;
    if (series.chapterStarts !== undefined) spec.chapterStarts = series.chapterStarts;
    return spec;
  });
}

const OTHERS: readonly DemoSpec[] = [
  {
    path: 'Movies/Night Drive (1987).mkv', kind: 'movie', caption: 'Night Drive (1987)', seconds: 60,
    width: 320, height: 240, frameRate: '24', audio: { layout: '5.1', codec: 'ac3', frequencyHz: 330 },
    chapterStarts: [20, 40],
  },
  {
    path: 'Movies/Robot Summer (1984).mkv', kind: 'movie', caption: 'Robot Summer (1984)', seconds: 60,
    width: 320, height: 240, frameRate: '25', audio: { layout: 'mono', codec: 'aac', frequencyHz: 392, sampleRate: 44100 },
  },
  {
    path: 'Bumpers/Station ID - Evening.mp4', kind: 'bumper', caption: 'RetroVue Evening', seconds: 3,
    width: 320, height: 240, frameRate: '30000/1001', audio: { layout: 'stereo', codec: 'aac', frequencyHz: 880 },
  },
  {
    path: 'Bumpers/Up Next.mov', kind: 'bumper', caption: 'Up Next', seconds: 4,
    width: 320, height: 240, frameRate: '25', audio: { layout: 'mono', codec: 'aac', frequencyHz: 988 },
  },
  // A silent card: playout must synthesise audio for it.
  { path: 'Bumpers/Test Card.mp4', kind: 'bumper', caption: 'Test Card', seconds: 5, width: 320, height: 240, frameRate: '25' },
  {
    path: 'Commercials/Fizz Cola.mp4', kind: 'commercial', caption: 'Fizz Cola', seconds: 15, interlaced: true,
    width: 320, height: 240, frameRate: '30000/1001', audio: { layout: 'stereo', codec: 'aac', frequencyHz: 1047 },
  },
  {
    path: 'Commercials/Zoom Racer Toys.mp4', kind: 'commercial', caption: 'Zoom Racer Toys', seconds: 10, faststart: true,
    width: 480, height: 360, frameRate: '24', audio: { layout: 'mono', codec: 'aac', frequencyHz: 1175 },
  },
  {
    path: 'Commercials/Sunny Cereal.mov', kind: 'commercial', caption: 'Sunny Cereal', seconds: 12,
    width: 320, height: 240, frameRate: '25', audio: { layout: 'stereo', codec: 'aac', frequencyHz: 1319 },
  },
  {
    // Recorded off air: MPEG-TS with MP2 audio, timestamps not starting at zero.
    path: 'Commercials/Dial-A-Pizza.ts', kind: 'commercial', caption: 'Dial-A-Pizza', seconds: 10,
    width: 320, height: 240, frameRate: '25', audio: { layout: 'stereo', codec: 'mp2', frequencyHz: 1397 },
  },
  { path: 'Broken/Empty Tape.mp4', kind: 'broken', defect: 'zero-length' },
  { path: 'Broken/Interrupted Copy.mp4', kind: 'broken', defect: 'truncated' },
  { path: 'Broken/notes.mkv', kind: 'broken', defect: 'not-media' },
];

/** Every file of the demo library, in a stable order. */
export const DEMO_CATALOG: readonly DemoSpec[] = [...SERIES.flatMap(episodeSpecs), ...OTHERS];

/**
 * What `retrovue demo` adds to the library for its network (not part of `demo media`, whose shelf the
 * ingest tests count): more Captain Comet, so sequential progress shows across days, and a movie longer
 * than the network's one-minute grid block, which takes as many blocks as it needs.
 */
export const DEMO_NETWORK_EXTRAS: readonly DemoSpec[] = [
  ...episodeSpecs({
    ...(SERIES[0] as SeriesPlan),
    episodes: [
      { season: 1, episode: 4, title: 'Asteroid Picnic', seconds: 21 },
      { season: 1, episode: 5, title: 'Signal from Saturn', seconds: 23 },
      { season: 1, episode: 6, title: 'Homecoming', seconds: 20 },
    ],
  }),
  {
    path: 'Movies/The Long Voyage (1979).mp4', kind: 'movie', caption: 'The Long Voyage (1979)', seconds: 150,
    width: 320, height: 240, frameRate: '25', audio: { layout: 'stereo', codec: 'aac', frequencyHz: 294, sampleRate: 44100 },
    chapterStarts: [50, 100],
  },
];

/** The top-level folders the demo library owns (and may remove with `force`). */
export const DEMO_FOLDERS: readonly string[] = ['Series', 'Movies', 'Bumpers', 'Commercials', 'Broken'];

export function framesPerSecond(frameRate: FrameRate): number {
  const [num, den] = frameRate.split('/').map(Number);
  return (num ?? 25) / (den ?? 1);
}

/** Video is a whole number of frames: 20 s at 30000/1001 is 599 frames, 19.987 s. */
export function frameCount(seconds: number, frameRate: FrameRate): number {
  return Math.round(seconds * framesPerSecond(frameRate));
}

/** The duration a generated file really has, in integer milliseconds. */
export function frameExactMs(seconds: number, frameRate: FrameRate): number {
  return Math.round((frameCount(seconds, frameRate) / framesPerSecond(frameRate)) * 1000);
}
