// The measured tuner count is a fact about this machine, not about a RetroVue home: it is kept in the user's
// cache ($XDG_CACHE_HOME/retrovue, else ~/.cache/retrovue), keyed by what decides it (the ffmpeg binary, the
// CPU, the core count and the profile), so a server measures once per machine instead of at every start.
// Reading it spawns nothing; a missing, stale or damaged cache is measured again and rewritten atomically.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { OutputProfile } from '../plugins/playout-plan.js';

/** What a measure depends on; a cached count whose key differs is measured again. */
export function capacityKey(profile: OutputProfile, env: NodeJS.ProcessEnv = process.env): string {
  const ffmpeg = ffmpegIdentity(env);
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  // 'hd-source': measured on a 1080p H.264 source since issue 17 (earlier counts measured a bare encode).
  return JSON.stringify(['hd-source', ffmpeg, cpu, availableParallelism(), profile.width, profile.height, profile.frameRate, profile.videoBitrateKbps]);
}

export function capacityCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return join(base, 'retrovue', 'transcode-capacity.json');
}

/** The cached count for `key`, or undefined. */
export function readCachedTuners(key: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  try {
    const entries = JSON.parse(readFileSync(capacityCacheFile(env), 'utf8')) as Record<string, unknown>;
    const count = entries[key];
    return typeof count === 'number' && Number.isInteger(count) && count >= 1 ? count : undefined;
  } catch {
    return undefined;
  }
}

/** Records `count` for `key` (best effort: a cache that cannot be written only costs a measure next time). */
export function writeCachedTuners(key: string, count: number, env: NodeJS.ProcessEnv = process.env): void {
  const file = capacityCacheFile(env);
  try {
    let entries: Record<string, unknown> = {};
    try {
      entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) entries = {};
    } catch {
      entries = {};
    }
    entries[key] = count;
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(entries)}\n`);
    renameSync(temporary, file);
  } catch {
    // Read-only home, full disk: measured again next start.
  }
}

/** The ffmpeg on PATH, identified without running it: its path, size and modification time. */
function ffmpegIdentity(env: NodeJS.ProcessEnv): string {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      const stat = statSync(join(dir, 'ffmpeg'));
      if (stat.isFile()) return `${join(dir, 'ffmpeg')}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      // not in this directory
    }
  }
  return 'no ffmpeg';
}
