// Turns the CLI's code-split bundle into CommonJS files. esbuild splits only ES modules, but Node 20 loads
// an ES module through an asynchronous loader (URL resolution, a file handle and a module job each) that
// cost a `channel list` start ~35 ms over its ~40 chunks; `require` reads and compiles the same code
// synchronously. So scripts/build.ts bundles ES chunks named `.cjs` (their imports already name the files
// written here), and each becomes CommonJS: static imports become `require`, a dynamic import of a chunk a
// promise of its `require` (the chunk graph, and what loads when, stays esbuild's), and a dynamic import of
// a package outside the bundle (PGlite) stays an `import()`.
import type { OutputFile } from 'esbuild';
import { transform } from 'esbuild';

/** What a chunk's `import.meta.url` becomes: the file's own URL, defined at its top. */
const metaUrl = '__retrovueModuleUrl';
// esbuild prints every import path double-quoted; a single-quoted one is in a comment (JSDoc types).
const chunkImport = /\bimport\("(\.\/[\w.-]+\.cjs)"\)/g;

/** One output of the ES build, as CommonJS. Source maps of the ES build would not match it: none is kept. */
export async function commonJsChunk(file: OutputFile): Promise<string> {
  const converted = await transform(file.text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A chunk's import() of another chunk is rewritten below; of a package outside the bundle, kept.
    supported: { 'dynamic-import': true },
    define: { 'import.meta.url': metaUrl },
    logLevel: 'warning',
  });
  const code = converted.code.replace(chunkImport, (_, path: string) => `Promise.resolve().then(() => require("${path}"))`);
  const stray = /\bimport\("\.[^"]*"\)/.exec(code);
  if (stray) throw new Error(`${file.path}: ${stray[0]} is not of a chunk`);
  return `var ${metaUrl} = require('node:url').pathToFileURL(__filename).href;\n${code}`;
}
