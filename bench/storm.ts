// The tune-in storm of serve B-88, timed: 300 tune-ins (GET /channel/{id}.ts) across 30 channels within one
// second at the built server with 4 tuners, on the embedded database (the default, where plan builds run on
// the server's own thread). Target: every answer's headers within 2 s of its request. The floor, measured in
// the same run on the same server once the storm has passed: one tune-in's HEAD at a time (no engine starts).
//   npm run bench -- storm
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { onAirNetwork } from '../tests/support/db-gate-runtime.js';
import { withEmbeddedDatabase } from '../tests/support/media-fixtures.js';
import { startServe } from '../tests/support/runtime-binary.js';
import { tuneInStorm, watchEngines } from '../tests/support/tune-storm.js';
import { ms, percentile } from './measure.js';

const TARGET_MS = 2000;

async function headTimes(url: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const sent = performance.now();
    const response = await request(`${url}/channel/storm1.ts`, { method: 'HEAD' });
    await response.body.dump();
    times.push(performance.now() - sent);
  }
  return times;
}

export async function benchStorm(): Promise<void> {
  const ids = Array.from({ length: 30 }, (_, i) => `storm${i + 1}`);
  const home = mkdtempSync(join(tmpdir(), 'retrovue-bench-storm-'));
  try {
    await withEmbeddedDatabase(home, (database) => onAirNetwork(database.db, ids));
    const serve = await startServe(['--port', '0', '--tuners', '4', '--linger-seconds', '1'], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined });
    const engines = watchEngines(serve.child.pid ?? -1);
    try {
      const storm = await tuneInStorm(serve.url, ids, 300, 1000);
      await storm.hangUp();
      const times = storm.answers.map((a) => a.headersMs);
      const late = times.filter((t) => t > TARGET_MS).length;
      const statuses = [...new Set(storm.answers.map((a) => a.status))].sort().join('/');
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the linger passes; the server is idle again
      const floor = percentile(await headTimes(serve.url, 20), 50);
      console.log('tune-in storm: 300 tune-ins across 30 channels within 1 s, 4 tuners, embedded database, the built server');
      console.log(`  answers ${statuses}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, slowest ${ms(Math.max(...times))}; ${late} of 300 after ${TARGET_MS} ms  (target: every one within ${TARGET_MS} ms: ${late === 0 ? 'met' : 'NOT met'})`);
      console.log(`  engines ever: ${engines.seen.size} (at most 4); floor: one HEAD tune-in on the idle server p50 ${ms(floor)}`);
    } finally {
      engines.stop();
      await serve.stop('SIGTERM');
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
