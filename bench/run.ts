// npm run bench: every benchmark, printing figures (targets are read by people, never asserted in tests).
// Only the CLI start (whole processes beside node -e 0, and where their time goes): npm run bench -- cli
// (or BENCH=cli npm run bench). Only 1,000 channels on one box beside 10: npm run bench -- scale. Only the tune-in storm: npm run bench -- storm.
import { benchAir } from './air.js';
import { benchCliStartup } from './cli-startup.js';
import { benchForwarding } from './forwarding.js';
import { benchIngest } from './ingest.js';
import { benchRealLibrary } from './real-library.js';
import { benchRuntime } from './runtime.js';
import { benchScale } from './scale.js';
import { benchScheduling } from './scheduling.js';
import { benchStorm } from './storm.js';
import { benchTestSuite } from './test-suite.js';
import { benchTuneIn } from './tune-in.js';

const alone: Record<string, () => Promise<void>> = { cli: benchCliStartup, scale: benchScale, storm: benchStorm };
const only = process.argv[2] ?? process.env['BENCH'];
if (only !== undefined && alone[only] === undefined) throw new Error(`unknown benchmark "${only}"; the ones that run alone are ${Object.keys(alone).join(', ')}`);
if (only !== undefined) {
  await alone[only]?.();
} else {
  benchTestSuite();
  await benchCliStartup();
  await benchIngest();
  await benchScheduling();
  await benchAir();
  await benchRuntime();
  await benchTuneIn();
  await benchStorm();
  await benchForwarding();
  await benchRealLibrary();
  await benchScale();
}
