// npm run bench: every benchmark, printing figures (targets are read by people, never asserted in tests).
import { benchAir } from './air.js';
import { benchCliStartup } from './cli-startup.js';
import { benchIngest } from './ingest.js';

await benchCliStartup();
await benchIngest();
await benchAir();
