// npm run bench: every benchmark, printing figures (targets are read by people, never asserted in tests).
// Only the CLI start (whole processes beside node -e 0, and where their time goes): npm run bench -- cli
// (or BENCH=cli npm run bench).
import { benchAir } from './air.js';
import { benchCliStartup } from './cli-startup.js';
import { benchForwarding } from './forwarding.js';
import { benchIngest } from './ingest.js';
import { benchRealLibrary } from './real-library.js';
import { benchRuntime } from './runtime.js';
import { benchScheduling } from './scheduling.js';
import { benchTestSuite } from './test-suite.js';
import { benchTuneIn } from './tune-in.js';

const only = process.argv[2] ?? process.env['BENCH'];
if (only !== undefined && only !== 'cli') throw new Error(`unknown benchmark "${only}"; the only one that runs alone is cli`);
if (only === 'cli') {
  await benchCliStartup();
} else {
  benchTestSuite();
  await benchCliStartup();
  await benchIngest();
  await benchScheduling();
  await benchAir();
  await benchRuntime();
  await benchTuneIn();
  await benchForwarding();
  await benchRealLibrary();
}
