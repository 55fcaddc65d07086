// What a command start loads (scripts/build.ts splits the bundle at every dynamic import()): --version and
// --help load the entry chunk and Clipanion, never a command class (a command loads its own class alone), the
// database, the output validators, the logger or the heavy libraries, which load only in the commands that
// use them. Needs `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { binPath } from '../support/cli.js';

const repo = join(import.meta.dirname, '..', '..');
const dist = join(repo, 'dist');
const scratch = mkdtempSync(join(tmpdir(), 'retrovue-startup-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Inputs no command start may parse before it knows which command runs. */
const heavy = [
  /node_modules\/(kysely|pg|pg-[a-z-]+|pino|pino-[a-z-]+|luxon|execa|ajv|undici|yaml|fast-xml-parser|cli-progress|@electric-sql\/pglite)\//,
  /^generated\/(output-validators|commands|nouns)\//,
  /^src\/(db|plugins|scheduling|catalog|ingest|playout|runtime|media|demo)\//,
  /^src\/cli\/execute-command\.ts$/,
  /^vendor-script:(kysely|pg)$/, // the shims of the database libraries' vendor script
];

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown>; entryPoint?: string }>;
}

function metafile(): Metafile {
  const file = join(dist, 'retrovue.meta.json');
  assert.ok(existsSync(file), `${file} is missing; run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}

/** The entry chunk, dist/retrovue-<hash>.cjs (named by its content, as its code cache requires). */
function entryChunk(meta: Metafile): string {
  const entry = Object.entries(meta.outputs).find(([, output]) => output.entryPoint === 'src/cli/main.ts')?.[0];
  assert.ok(entry !== undefined && entry.startsWith('dist/retrovue-'), `the build names its entry dist/retrovue-<hash>.cjs: ${entry}`);
  return entry;
}

/**
 * The chunks that load with `start` (default: the entry) before any dynamic import(): it and what it imports
 * statically, and the vendor scripts those require (scripts/vendor-script.ts).
 */
function eagerChunks(meta: Metafile, start = entryChunk(meta)): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of meta.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && imported.external !== true) pending.push(imported.path);
      if (imported.kind === 'require-call' && /^\.\/vendor-[a-z]+-[0-9a-f]+\.cjs$/.test(imported.path)) seen.add(`dist/${imported.path.slice(2)}`);
    }
  }
  return seen;
}

/**
 * The modules a run of the built binary loads (file: URLs): its CommonJS files as `require` holds them at
 * exit, and any ES module, recorded by a loader hook.
 */
function loadedModules(argv: readonly string[]): string[] {
  const log = join(scratch, `loaded-${argv.join('-')}.txt`);
  if (existsSync(log)) return readFileSync(log, 'utf8').trim().split('\n'); // this run's, from an earlier test
  const hooks = join(scratch, 'hooks.mjs');
  writeFileSync(hooks, "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.STARTUP_LOG, url + '\\n'); return next(url, context); }\n");
  const register = join(scratch, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const required = join(scratch, 'required.cjs');
  writeFileSync(
    required,
    "const { appendFileSync } = require('node:fs');\nconst { pathToFileURL } = require('node:url');\nprocess.on('exit', () => appendFileSync(process.env.STARTUP_LOG, Object.keys(require.cache).map((file) => pathToFileURL(file).href + '\\n').join('')));\n",
  );
  const env: NodeJS.ProcessEnv = { ...process.env, STARTUP_LOG: log, RETROVUE_LOG_LEVEL: 'silent' };
  delete env['NODE_TEST_CONTEXT'];
  execFileSync(process.execPath, ['--import', pathToFileURL(register).href, '--require', required, binPath, ...argv], { env, stdio: 'ignore' });
  return readFileSync(log, 'utf8').trim().split('\n');
}

test('the chunks the entry imports statically hold no command class, database, validator, logger or heavy library', () => {
  const meta = metafile();
  const eager = eagerChunks(meta);
  const inputs = [...eager].flatMap((path) => Object.keys(meta.outputs[path]?.inputs ?? {})).map((input) => input.replace(/^.*?node_modules\//, 'node_modules/'));
  // Clipanion comes bundled or, in the built binary, from its vendor script through a shim (scripts/vendor-script.ts).
  const clipanion = (input: string) => input.includes('node_modules/clipanion/') || input === 'vendor-script:clipanion';
  assert.ok(inputs.includes('src/cli/run-cli.ts') && inputs.some(clipanion), 'the entry holds the CLI');
  assert.deepEqual(inputs.filter((input) => heavy.some((pattern) => pattern.test(input))), []);
});

for (const argv of [['--version'], ['--help']]) {
  test(`retrovue ${argv.join(' ')} loads only the entry's chunks and Node built-ins`, () => {
    const meta = metafile();
    const eager = eagerChunks(meta);
    const loaded = loadedModules(argv).filter((url) => !url.startsWith('node:'));
    const files = loaded.map((url) => fileURLToPath(url)).filter((file) => file !== join(scratch, 'required.cjs'));
    assert.ok(files.includes(join(repo, entryChunk(meta))), `the run loads the bundle: ${files.join(', ')}`);
    // bin/retrovue.js runs the bundle through dist/load.cjs (src/cli/script-loader.ts).
    const outside = files.filter((file) => file !== binPath && file !== join(dist, 'load.cjs') && !eager.has(`dist/${file.slice(dist.length + 1)}`));
    assert.deepEqual(outside, [], 'nothing beyond the statically imported chunks (no dynamic import ran)');
  });
}

test('retrovue channel list loads no library only other commands use (an HTTP client, processes, YAML, progress bars)', () => {
  const meta = metafile();
  // Every command's context holds every importer (a media server's among them): their HTTP client must wait for a request.
  const loaded = loadedModules(['channel', 'list', '--json', '--test-db']).filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
  const chunks = loaded.filter((file) => file.startsWith(`${dist}/`)).map((file) => `dist/${file.slice(dist.length + 1)}`);
  assert.ok(chunks.length > 5, `the command ran from the bundle: ${chunks.join(', ')}`);
  const inputs = chunks.flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
  const unused = /node_modules\/(undici|execa|yaml|fast-xml-parser|cli-progress)\//;
  assert.deepEqual([...new Set(inputs.filter((input) => unused.test(input)).map((input) => /node_modules\/([^/]+)\//.exec(input)?.[1]))], []);
  assert.deepEqual(loaded.filter((file) => unused.test(file)), []);
});

/** The inputs of the chunks a run of the built binary loaded. */
function loadedInputs(meta: Metafile, argv: readonly string[]): string[] {
  const loaded = loadedModules(argv).filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
  const chunks = loaded.filter((file) => file.startsWith(`${dist}/`)).map((file) => `dist/${file.slice(dist.length + 1)}`);
  assert.ok(chunks.length > 5, `the command ran from the bundle: ${chunks.join(', ')}`);
  return chunks.flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
}

test('retrovue channel list loads its own command class and handler alone: no other class, and nothing only other verbs use', () => {
  const meta = metafile();
  const inputs = loadedInputs(meta, ['channel', 'list', '--json', '--test-db']);
  assert.deepEqual(inputs.filter((input) => input.startsWith('generated/commands/') || input.startsWith('generated/nouns/')), ['generated/commands/channel-list.ts']);
  // What adding, updating or showing a channel needs: enrichers, producers, presentation (src/media), logos, plugins.
  const otherVerbs = /^src\/(catalog|media|plugins)\/|^src\/scheduling\/channel\/channel-(commands|logo)/;
  assert.deepEqual(inputs.filter((input) => otherVerbs.test(input)), []);
  // Its output validator's ajv helpers come bundled (scripts/contracts/emit-validators.ts): no package is resolved for them.
  assert.deepEqual(loadedModules(['channel', 'list', '--json', '--test-db']).filter((url) => url.includes('/node_modules/ajv/')), []);
  // Its handler's module imports no migration (the seed data of 0002 among them), which only migrating loads.
  const handler = Object.entries(meta.outputs).find(([, output]) => 'src/scheduling/channel/channel-list.ts' in output.inputs)?.[0];
  assert.ok(handler !== undefined, 'the build holds the handler');
  const reached = [...eagerChunks(meta, handler)].flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
  assert.deepEqual(reached.filter((input) => input.startsWith('migrations/0') || otherVerbs.test(input)), []);
});

test("a database command defines only the Kysely exports RetroVue imports, not all of the package's", () => {
  const meta = metafile();
  const inputs = loadedInputs(meta, ['channel', 'list', '--json', '--test-db']);
  assert.ok(inputs.includes('vendor-script:kysely'), 'the command loads Kysely through its vendor script');
  const shims = Object.entries(meta.outputs).filter(([, output]) => 'vendor-script:kysely' in output.inputs);
  const exported = shims.reduce((sum, [, output]) => sum + ((output.inputs['vendor-script:kysely'] as { bytesInOutput?: number }).bytesInOutput ?? 0), 0);
  // The shim of all ~300 exports was 10 KB; the few RetroVue names (Kysely, sql, PostgresDialect, Migrator…) ~1.
  assert.ok(exported < 3000, `the Kysely shim holds ${exported} bytes: something imports all of 'kysely' (a namespace or dynamic import)`);
});
