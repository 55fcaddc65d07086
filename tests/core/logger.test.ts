// The logger commands get: pino's JSON lines on stderr at the chosen level, with pino itself loaded only
// when a line is due (src/core/logger.ts), so a command that logs nothing never pays for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createLogger } from '../../src/core/logger.js';

const logger = new URL('../../src/core/logger.ts', import.meta.url).href;

/** Runs `body` (with `createLogger` in scope) in a fresh process; returns its stderr lines and whether pino loaded. */
function inFreshProcess(body: string): { lines: string[]; pinoLoaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { createLogger } = await import(${JSON.stringify(logger)});
    ${body}
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\\\/]node_modules[\\\\/]pino[\\\\/]/.test(file));
    process.stdout.write(JSON.stringify(loaded));`;
  const env = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { lines: run.stderr.split('\n').filter((line) => line !== ''), pinoLoaded: JSON.parse(run.stdout) as boolean };
}

test('a logger writes pino JSON lines at and above its level, children with their bindings', () => {
  const { lines, pinoLoaded } = inFreshProcess(`
    const log = createLogger({ level: 'info' });
    log.debug('hidden');
    log.info({ channel: 'retro1' }, 'tuned');
    log.child({ viewer: 7 }).warn('slow');`);
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(
    records.map(({ level, name, msg, channel, viewer }) => ({ level, name, msg, channel, viewer })),
    [
      { level: 30, name: 'retrovue', msg: 'tuned', channel: 'retro1', viewer: undefined },
      { level: 40, name: 'retrovue', msg: 'slow', channel: undefined, viewer: 7 },
    ],
  );
  assert.equal(pinoLoaded, true);
});

test('a logger that is never called at an enabled level never loads pino', () => {
  const { lines, pinoLoaded } = inFreshProcess(`
    const log = createLogger({});
    log.info('below the default warn');
    log.child({ a: 1 }).debug('below too');
    createLogger({ level: 'silent' }).error('silent');`);
  assert.deepEqual(lines, []);
  assert.equal(pinoLoaded, false);
});

test('an unknown level is refused when the logger is made, in the words pino used', () => {
  assert.throws(() => createLogger({ level: 'loud' }), { message: 'default level:loud must be included in custom levels' });
});
