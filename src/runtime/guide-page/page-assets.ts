// The guide page's static files, kept in memory once read: the page, its scripts and styles (in ./assets
// beside this module; the built binary, dist/retrovue-<hash>.cjs, reads them from the source tree it was built
// from) and hls.js from node_modules, resolved as Node resolves a package, so both run the same way.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RetroVueError } from '../../core/errors.js';

export interface PageAsset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
}

const JS = 'text/javascript; charset=utf-8';
/** URL path → file: nothing else is served, so no path can reach outside these. */
const files: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'guide.html', type: 'text/html; charset=utf-8' },
  '/assets/guide.css': { file: 'guide.css', type: 'text/css; charset=utf-8' },
  '/assets/guide.js': { file: 'guide.js', type: JS },
  '/assets/guide-data.js': { file: 'guide-data.js', type: JS },
  '/assets/guide-view.js': { file: 'guide-view.js', type: JS },
  '/assets/guide-player.js': { file: 'guide-player.js', type: JS },
  '/assets/hls.min.js': { file: 'hls.js/dist/hls.min.js', type: JS },
};

export function isPageAsset(path: string): boolean {
  return Object.hasOwn(files, path);
}

function assetDir(): string {
  const candidates = [new URL('./assets/', import.meta.url), new URL('../src/runtime/guide-page/assets/', import.meta.url)].map((u) => fileURLToPath(u));
  const dir = candidates.find((path) => existsSync(join(path, 'guide.html')));
  if (dir === undefined) throw new RetroVueError('internal', `the guide page's files are missing (looked in ${candidates.join(' and ')}); reinstall RetroVue`);
  return dir;
}

function pathOf(file: string): string {
  if (file.startsWith('hls.js/')) return createRequire(import.meta.url).resolve(file);
  return join(assetDir(), file);
}

const loaded = new Map<string, PageAsset>();

/** The asset at a path isPageAsset accepts, read (and compressed) on first use. */
export function pageAsset(path: string): PageAsset {
  let asset = loaded.get(path);
  if (asset === undefined) {
    const entry = files[path];
    if (entry === undefined) throw new RetroVueError('not_found', `no page asset ${path}`);
    const body = readFileSync(pathOf(entry.file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    asset = { type: entry.type, body, gzipped: gzipSync(body), etag };
    loaded.set(path, asset);
  }
  return asset;
}
