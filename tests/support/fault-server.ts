// A serving process for the fault-containment test: a ProgramDirector guarded as `runtime serve` guards it
// (guardProcess), two channels of synthetic media, one of them with failing dependencies: its plan source
// leaves a throw behind in a callback at extension time (no try/catch can catch it) and its as-run writer
// throws when playout stops. Prints {"url": …} on stdout; logs JSON on stderr; SIGTERM closes everything.
//   node --import tsx tests/support/fault-server.ts
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import type { PlayoutPlan, PlayoutSegment } from '../../src/plugins/playout-plan.js';
import type { AsRunRecord } from '../../src/runtime/asrun-recorder.js';
import type { PlanSource } from '../../src/runtime/plan-source.js';
import { guardProcess } from '../../src/runtime/process-guard.js';
import { ProgramDirector } from '../../src/runtime/program-director.js';
import { airFromSource, alwaysPlans, fixedDirectory, testProfile } from './runtime.js';

const SEGMENT_MS = 2000;
const anchorMs = systemClock.now();

/** Test cards of SEGMENT_MS on a grid from the anchor: the plan at `at` covers 4 s. */
function cards(channelId: string, at: number): PlayoutPlan {
  const segments: PlayoutSegment[] = [];
  for (let start = anchorMs + Math.floor((at - anchorMs) / SEGMENT_MS) * SEGMENT_MS; start < at + 4000; start += SEGMENT_MS) {
    const from = Math.max(start, at);
    segments.push({
      source: { kind: 'synthetic', synthetic: 'test-card' }, inPointMs: from - start, durationMs: start + SEGMENT_MS - from, startsAtMs: from,
      playlogEventId: `${channelId}@${start}`, title: `card ${start - anchorMs}`, transitionIn: { kind: 'cut' },
    });
  }
  return { channelId, profile: testProfile, segments, directives: [], builtAtMs: at };
}

let fragileCalls = 0;
const planSource: PlanSource = alwaysPlans(async (channelId, at) => {
  if (channelId === 'fragile' && ++fragileCalls > 1) {
    // A dependency's stray callback that throws: nothing on the call's path can catch it.
    setImmediate(() => {
      throw new Error('fragile plan source: a callback blew up at extension time');
    });
  }
  return cards(channelId, at);
});

const asRun = {
  open: () => 0,
  close(_key: number | null, record: AsRunRecord): void {
    if (record.channelId === 'fragile' && record.status === 'truncated') throw new Error('fragile as-run writer: disk on fire');
  },
  takeOver: () => {},
};

const log = createLogger({ level: 'info' });
const director = new ProgramDirector({
  directory: fixedDirectory(['sturdy', 'fragile']), planSource, air: airFromSource, clock: systemClock, log, asRun,
  lingerMs: 0, extendAheadMs: 3000, extendCheckMs: 200,
});
guardProcess(log, (channelId, error) => director.failChannel(channelId, error));
const { url } = await director.listen('127.0.0.1', 0);
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => {
  void director.close().then(() => process.exit(0));
});
