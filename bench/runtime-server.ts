// The server side of bench/runtime.ts, in its own process so its CPU and memory are its own: a
// ProgramDirector with ten channels looping one clip (with a rendition, so engines copy), AIR from
// dist/air.mjs (with `--lead-ms <leadMs>` when a fourth argument is given). Prints "url <base>" once
// listening; SIGTERM stops it.
import { statFile } from '../src/catalog/playable-file.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { defaultOutputProfile, type PlayoutSegment } from '../src/plugins/playout-plan.js';
import { defaultAirCommand } from '../src/runtime/air-process.js';
import { ProgramDirector } from '../src/runtime/program-director.js';

const [clip = '', rendition = '', clipMsText = '60000', leadMs] = process.argv.slice(2);
const clipMs = Number(clipMsText);
// The rendition is recorded as made from the clip as it is now, so the playability rule lets engines copy it.
const clipFacts = statFile(clip);
if ('problem' in clipFacts) throw new Error(clipFacts.problem);
const made = { sourceSizeBytes: clipFacts.sizeBytes, sourceMtimeMs: clipFacts.mtimeMs };
const anchorMs = systemClock.now();
const ids = Array.from({ length: 10 }, (_, i) => `ch${i}`);
const channels = ids.map((id, i) => ({ id, name: `Bench ${i}`, number: String(i + 1), timezone: 'UTC', guideId: `${id}.retrovue`, logoUrl: null }));

const director = new ProgramDirector({
  directory: { channels: async () => channels, guideDays: async () => [] },
  planSource: async (channelId, at) => {
    if (!ids.includes(channelId)) return { kind: 'unknown-channel', message: `channel "${channelId}" does not exist` };
    const segments: PlayoutSegment[] = [];
    for (let index = Math.floor((at - anchorMs) / clipMs); anchorMs + index * clipMs < at + 3_600_000; index++) {
      const start = anchorMs + index * clipMs;
      const from = Math.max(start, at);
      segments.push({
        source: { kind: 'asset', assetId: 'bench', path: clip, rendition: { path: rendition, profile: defaultOutputProfile.name, ...made } },
        inPointMs: from - start, durationMs: start + clipMs - from, startsAtMs: from, playlogEventId: null, title: `clip ${index}`, transitionIn: { kind: 'cut' },
      });
    }
    return { kind: 'plan', plan: { channelId, profile: defaultOutputProfile, segments, directives: [], builtAtMs: at } };
  },
  air: leadMs === undefined ? defaultAirCommand() : { ...defaultAirCommand(), args: [...defaultAirCommand().args, '--lead-ms', leadMs] },
  clock: systemClock,
  log: createLogger({ level: 'error' }),
  lingerMs: 0,
});
const { url } = await director.listen('127.0.0.1', 0);
process.stdout.write(`url ${url}\n`);
process.once('SIGTERM', () => {
  void director.close().then(() => process.exit(0));
});
