// "Plugins stay plugins": no module outside src/plugins/importers/ imports a media server's importer,
// except the one registration file; and no importer module reaches the database or the layers above it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

test('only the registration file imports the plex, jellyfin and emby importers', () => {
  const outside = sourceFiles(join(root, 'src'))
    .filter((f) => !f.includes('/src/plugins/importers/'))
    .filter((f) => importsOf(f).some((spec) => /importers\/(plex|jellyfin)\//.test(spec)))
    .map((f) => relative(root, f));
  assert.deepEqual(outside, ['src/plugins/builtin-plugins.ts']);
});

test('importer modules never touch the database, the catalog or the commands (they return DiscoveredItems)', () => {
  const offending = sourceFiles(join(root, 'src/plugins/importers')).flatMap((f) =>
    importsOf(f)
      .filter((spec) => /(^|\/)(db|catalog|ingest|command|cli|runtime|scheduling|playout)\//.test(spec) || /^(kysely|pg|@electric-sql)/.test(spec))
      .map((spec) => `${relative(root, f)} imports ${spec}`),
  );
  assert.deepEqual(offending, []);
});
