// `retrovue --help` and `retrovue <noun> --help` list what exists, generated from the contracts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLoaders, loadCommands } from '../../generated/index.js';
import { loadContracts } from '../../scripts/contracts/load-contracts.js';
import { cli, cliProcess } from '../support/cli.js';

const repo = join(import.meta.dirname, '..', '..');
const ansi = /\u001b\[/;

test('retrovue --help lists every command of every contract', async () => {
  const run = await cli(['--help']);
  assert.equal(run.exitCode, 0);
  for (const command of await loadCommands()) {
    const [path] = command.paths;
    assert.ok(path, 'every command has a path');
    assert.match(run.stdout, new RegExp(`retrovue ${path.join(' ')}\\b`));
  }
});

test('retrovue channel --help lists exactly the channel verbs', async () => {
  const run = await cli(['channel', '--help']);
  assert.equal(run.exitCode, 0);
  const verbs = [...run.stdout.matchAll(/^ {2}retrovue channel (\S+)/gm)].map((m) => m[1]);
  const declared = loadContracts(repo).contracts.filter((c) => c.contract.noun === 'channel').map((c) => c.contract.verb);
  assert.ok(declared.includes('add') && declared.includes('remove'));
  assert.deepEqual(verbs, declared.sort());
});

test('a verb --help shows its options, rules and examples', async () => {
  const run = await cli(['channel', 'add', '--help']);
  assert.equal(run.exitCode, 0);
  assert.match(run.stdout, /--grid-block-minutes/);
  assert.match(run.stdout, /B-2: A grid-block-minutes that does not divide 1440 MUST be refused/);
  assert.match(run.stdout, /retrovue channel add --id retro1/);
});

test('an unknown command is one line on stderr with exit 1', async () => {
  const run = await cli(['chanel', 'list']);
  assert.equal(run.exitCode, 1);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'retrovue: error: unknown command; see retrovue --help\n');
});

test('channel update --help describes every option with its contract help', async () => {
  const contract = loadContracts(repo).contracts.find((c) => c.contract.noun === 'channel' && c.contract.verb === 'update')?.contract;
  assert.ok(contract);
  const run = await cli(['channel', 'update', '--help']);
  assert.equal(run.exitCode, 0);
  for (const option of contract.options.filter((o) => !o.positional)) {
    const line = run.stdout.split('\n').find((l) => new RegExp(`^ {2}(-[a-zA-Z],)?--${option.name}\\b`).test(l));
    assert.ok(line, `--${option.name} is not listed`);
    assert.ok(line.includes(option.help), `--${option.name} lacks its help: ${line}`);
  }
});

test('every option of every command is described in its --help', async () => {
  for (const { contract } of loadContracts(repo).contracts) {
    const run = await cli([contract.noun, contract.verb, '--help']);
    for (const option of contract.options.filter((o) => !o.positional)) {
      const line = run.stdout.split('\n').find((l) => new RegExp(`^ {2}(-[a-zA-Z],)?--${option.name}\\b`).test(l)) ?? '';
      assert.match(line, /\S\s{2,}\S/, `${contract.noun} ${contract.verb} --${option.name} has no description: "${line}"`);
    }
  }
});

test('the Rules block of --help is a list, one rule per item, then the exit codes', async () => {
  const run = await cli(['channel', 'update', '--help']);
  assert.match(run.stdout, /\nRules \(B: behaviour, D: data\):\n\n- B-1: On success the command MUST print the updated channel/);
  const items = run.stdout.split('\n').flatMap((l) => /^- ([BD]-\d+): /.exec(l)?.[1] ?? []);
  const contract = loadContracts(repo).contracts.find((c) => c.contract.noun === 'channel' && c.contract.verb === 'update')!.contract;
  const ruleIds = [...contract.rules.behavior, ...contract.rules.data].map((r) => r.id);
  assert.ok(ruleIds.length >= 7);
  assert.deepEqual(items, ruleIds);
  assert.match(run.stdout, /\nExit codes:\n\n- 0: updated \(or nothing to change\)\n\n- 1: invalid input/);
});

test('help has no ANSI colour off a terminal or under NO_COLOR, and colour on a terminal', async () => {
  const piped = await cli(['channel', 'update', '--help']);
  assert.doesNotMatch(piped.stdout, ansi);
  assert.doesNotMatch((await cli(['--help'])).stdout, ansi);
  const terminal = await cli(['channel', 'update', '--help'], { colorDepth: 256, env: { NO_COLOR: undefined } });
  assert.match(terminal.stdout, ansi);
  const noColor = await cli(['channel', 'update', '--help'], { colorDepth: 256, env: { NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, ansi);
  assert.equal(noColor.stdout, piped.stdout);
  const emptyNoColor = await cli(['channel', 'update', '--help'], { colorDepth: 256, env: { NO_COLOR: '' } });
  assert.match(emptyNoColor.stdout, ansi, 'an empty NO_COLOR does not count');
});

test('parse errors name the command, the option and its help, on every noun (missing option, no value, negative number, positional), on one line whatever the value holds', async () => {
  const cases: Array<[string[], string]> = [
    [['asset', 'list', '--limit', '-1'], 'Invalid value for --limit: must be a whole number between 1 and 100000 (got "-1")'],
    [['asset', 'list', '--limit'], 'option --limit needs a value; see retrovue asset list --help'],
    [['collection', 'ingest'], 'retrovue collection ingest: not enough positional arguments; usage: retrovue collection ingest <collection>; see retrovue collection ingest --help'],
    [['collection', 'ingest', 'lib/Series', '--concurrency', '-2'], 'Invalid value for --concurrency: must be a whole number between 1 and 64 (got "-2")'],
    [['source', 'add', '--name', 'lib'], 'retrovue source add needs --type (required); see retrovue source add --help'],
    [['channel', 'list', '--colour'], 'retrovue channel list has no option --colour; see retrovue channel list --help'],
    // The value quoted back stays on one line, its control characters escaped.
    [['epg', 'export', '--guide-domain', 'a\nb\u001b[2J'], 'Invalid value for --guide-domain: must be a DNS-like name such as retrovue or tv.example.org (got "a\\nb\\x1B[2J")'],
    [['asset', 'list', '--limit', '1\r\n2'], 'Invalid value for --limit: must be a whole number between 1 and 100000 (got "1\\x0D\\n2")'],
  ];
  for (const [argv, message] of cases) {
    const run = await cli(argv);
    assert.equal(run.exitCode, 1, argv.join(' '));
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `retrovue: error: ${message}\n`, argv.join(' '));
  }
});

test('the built binary prints the listing scripts/build.ts rendered, the same as the CLI renders it, plain and coloured', async () => {
  const plain = await cli(['--help']);
  for (const argv of [['--help'], ['-h'], []]) {
    const built = await cliProcess(argv, {});
    assert.equal(built.exitCode, 0);
    assert.equal(built.stdout, plain.stdout, `retrovue ${argv.join(' ')}`);
  }
  const prerendered = JSON.parse(readFileSync(join(repo, 'dist', 'help.json'), 'utf8')) as { plain: string; colour: string };
  assert.equal(prerendered.colour, (await cli(['--help'], { colorDepth: 256 })).stdout);
  assert.match(prerendered.colour, ansi);
});

// A command line loads only the classes whose paths it names (run-cli.ts): a path the table lacks is a
// command a start can select only through the slow parse with every command.
test('the loader table names each command by exactly the paths its class declares (a bare noun too)', async () => {
  for (const { paths, load } of commandLoaders) assert.deepEqual((await load()).paths, paths);
  const classes = await loadCommands();
  assert.equal(commandLoaders.length, classes.length, 'one loader per command');
  assert.ok(commandLoaders.some(({ paths }) => paths.some((path) => path.length === 1)), 'a noun that runs alone has its one-word path');
});
