// npm test: measures this machine's tuner count into the test run's cache before any server starts, so no
// test that counts a server's processes sees the measuring ffmpeg (a start with an empty cache is B-32's
// own test, with a cache of its own).
import { systemClock } from '../src/core/clock.js';
import { machineTuners } from '../src/runtime/transcode-capacity.js';

const { count, cached } = await machineTuners(systemClock, new AbortController().signal);
process.stderr.write(`test: this machine's tuner count is ${count}${cached ? ' (cached)' : ''}\n`);
