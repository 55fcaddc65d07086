// Turns the CLI's code-split bundle into CommonJS files. esbuild splits only ES modules, but Node 20 loads
// an ES module through an asynchronous loader (URL resolution, a file handle and a module job each) that
// cost a `channel list` start ~35 ms over its ~40 chunks; `require` reads and compiles the same code
// synchronously. So scripts/build.ts bundles ES chunks named `.cjs` (their imports already name the files
// written here), and each becomes CommonJS: static imports become `require`, a dynamic import of a chunk a
// promise of its `require` (the chunk graph, and what loads when, stays esbuild's), and a dynamic import of
// a package outside the bundle (PGlite) an `import()` by the loader.
import type { OutputFile } from 'esbuild';
import { transform } from 'esbuild';

/** What a chunk's `import.meta.url` becomes: the file's own URL, defined at its top. */
const metaUrl = '__retrovueModuleUrl';
// esbuild prints every import path double-quoted; a single-quoted one is in a comment (JSDoc types).
const chunkImport = /\bimport\("(\.\/[\w.-]+\.cjs)"\)/g;
const packageImport = /\bimport\("([^".][^"]*)"\)/g;

/** One output of the ES build, as CommonJS. Source maps of the ES build would not match it: none is kept. */
export async function commonJsChunk(file: OutputFile): Promise<string> {
  const converted = await transform(file.text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Every import() is rewritten below: of another chunk, and of a package outside the bundle.
    supported: { 'dynamic-import': true },
    define: { 'import.meta.url': metaUrl },
    logLevel: 'warning',
  });
  const code = converted.code
    .replace(chunkImport, (_, path: string) => `Promise.resolve().then(() => require("${path}"))`)
    // A script V8 compiles from a code cache cannot import() itself on Node 20 (the callback is lost):
    // src/cli/script-loader.ts imports for it.
    .replace(packageImport, (_, name: string) => `require.importPackage("${name}")`);
  const stray = /\bimport\("\.[^"]*"\)/.exec(code);
  if (stray) throw new Error(`${file.path}: ${stray[0]} is not of a chunk`);
  // Defined only where the chunk reads it (35 of ~370 chunks): a start spares the others a URL each.
  return commonJsWrapped(code.includes(metaUrl) ? `var ${metaUrl} = require('node:url').pathToFileURL(__filename).href;\n${code}` : code);
}

/**
 * `code` as a function of a module's CommonJS arguments (Node's own wrapper, written out), which
 * src/cli/script-loader.ts runs with a code cache: the source V8 compiles is the file as read, no copy.
 */
export function commonJsWrapped(code: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
}
