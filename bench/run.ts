// npm run bench: every benchmark, printing figures (targets are read by people, never asserted in tests).
import { benchAir } from './air.js';
import { benchCliStartup } from './cli-startup.js';
import { benchIngest } from './ingest.js';
import { benchRealLibrary } from './real-library.js';
import { benchRuntime } from './runtime.js';
import { benchScheduling } from './scheduling.js';
import { benchTestSuite } from './test-suite.js';
import { benchTuneIn } from './tune-in.js';

benchTestSuite();
await benchCliStartup();
await benchIngest();
await benchScheduling();
await benchAir();
await benchRuntime();
await benchTuneIn();
await benchRealLibrary();
