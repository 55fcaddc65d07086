// `retrovue collection ingest` of 500 small files, beside the physical floor measured in the same run:
// the same files probed bare (probeMedia, and plain ffprobe processes) at the same concurrency. Then an
// unchanged re-ingest, which should cost little more than a process start and a directory walk.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { forEachBounded } from '../src/core/bounded-pool.js';
import { openThrowawayDatabase } from '../src/db/throwaway-database.js';
import { probeMedia } from '../src/media/ffprobe.js';
import { ms } from './measure.js';

const bin = fileURLToPath(new URL('../bin/retrovue.js', import.meta.url));
const serverUrl = process.env['RETROVUE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const copies = 25;

/** 20 distinct tiny clips: four containers, with and without audio, a few sizes and rates. */
function clipSpecs(): Array<{ name: string; args: string[] }> {
  const containers = [
    { ext: 'mp4', audio: ['-c:a', 'aac'] },
    { ext: 'mkv', audio: ['-c:a', 'ac3'] },
    { ext: 'mov', audio: ['-c:a', 'aac'] },
    { ext: 'ts', audio: ['-c:a', 'mp2'] },
  ];
  const shapes = [
    { size: '160x120', rate: '25', seconds: 2, audio: true },
    { size: '192x108', rate: '24', seconds: 3, audio: true },
    { size: '160x120', rate: '30000/1001', seconds: 2, audio: false },
    { size: '128x96', rate: '25', seconds: 1, audio: true },
    { size: '176x144', rate: '24', seconds: 2, audio: true },
  ];
  return containers.flatMap((c) =>
    shapes.map((s, i) => ({
      name: `clip-${i}.${c.ext}`,
      args: [
        '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${s.size}:rate=${s.rate}:duration=${s.seconds}`,
        ...(s.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${s.seconds}`] : []),
        '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(s.audio ? c.audio : []),
      ],
    })),
  );
}

/** Library/<show NN>/<clip>.<ext>: 20 clips × 25 copies = 500 files, in 25 folders. */
async function makeLibrary(root: string): Promise<string[]> {
  const clips = join(root, 'clips');
  mkdirSync(clips, { recursive: true });
  const specs = clipSpecs();
  await forEachBounded(specs, availableParallelism(), async (spec) => {
    await execa('ffmpeg', [...spec.args, join(clips, spec.name)], { stdin: 'ignore' });
  });
  const files: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const folder = join(root, 'lib', 'Library', `Show ${String(copy).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (const [index, spec] of specs.entries()) {
      const target = join(folder, `Show ${copy} - S01E${String(index + 1).padStart(2, '0')} - ${spec.name}`);
      copyFileSync(join(clips, spec.name), target);
      files.push(target);
    }
  }
  return files;
}

function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  return run().then((value) => ({ value, ms: performance.now() - start }));
}

/** Whole `retrovue` processes, as an operator runs them. */
function retrovue(argv: readonly string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const start = performance.now();
  const stdout = execFileSync(process.execPath, [bin, ...argv], { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  return { ms: performance.now() - start, stdout };
}

function ingestFigures(label: string, env: NodeJS.ProcessEnv, libRoot: string, files: number, floorMs: number): void {
  retrovue(['source', 'add', '--type', 'filesystem', '--name', 'bench', '--base-path', libRoot], env);
  retrovue(['source', 'discover', 'bench'], env);
  retrovue(['collection', 'update', 'bench/Library', '--ingest-enabled'], env);
  const first = retrovue(['collection', 'ingest', 'bench/Library', '--json'], env);
  const summary = JSON.parse(first.stdout) as { new: number; invalid: number };
  const again = retrovue(['collection', 'ingest', 'bench/Library', '--json'], env);
  const unchanged = (JSON.parse(again.stdout) as { unchanged: number }).unchanged;
  console.log(`ingest, ${label}`);
  console.log(`  first ingest (whole process): ${ms(first.ms)}, ${(files / (first.ms / 1000)).toFixed(0)} assets/s (${summary.new} new, ${summary.invalid} invalid)`);
  console.log(`  ratio first ingest / bare probeMedia: ${(first.ms / floorMs).toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`  unchanged re-ingest (whole process): ${ms(again.ms)} for ${unchanged} unchanged (target < 1 s)`);
}

export async function benchIngest(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'retrovue-bench-ingest-'));
  const concurrency = availableParallelism();
  try {
    const files = await makeLibrary(scratch);
    // Warm the page cache and the ffprobe binary once, so neither side pays for the first touch.
    await forEachBounded(files, concurrency, async (file) => void (await probeMedia(file)));

    const raw = await timed(() =>
      forEachBounded(files, concurrency, async (file) => {
        await execa('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', '--', file], { stdin: 'ignore' });
      }),
    );
    let invalid = 0;
    const bare = await timed(() =>
      forEachBounded(files, concurrency, async (file) => {
        if (!(await probeMedia(file)).ok) invalid++;
      }),
    );
    console.log(`ingest bench: ${files.length} files (${clipSpecs().length} distinct clips × ${copies}), concurrency ${concurrency}`);
    console.log(`  plain ffprobe processes:   ${ms(raw.ms)}, ${(files.length / (raw.ms / 1000)).toFixed(0)} files/s`);
    console.log(`  bare probeMedia (floor):   ${ms(bare.ms)}, ${(files.length / (bare.ms / 1000)).toFixed(0)} files/s${invalid ? ` (${invalid} invalid!)` : ''}`);

    const baseEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
    const home = join(scratch, 'home');
    retrovue(['db', 'migrate'], { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '' });
    ingestFigures('embedded PGlite', { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: '' }, join(scratch, 'lib'), files.length, bare.ms);

    const server = await openThrowawayDatabase({ dialect: 'postgres', url: serverUrl }, { cacheDir: tmpdir() });
    try {
      const url = server.config.dialect === 'postgres' ? server.config.url : serverUrl;
      ingestFigures('Postgres server', { ...baseEnv, RETROVUE_HOME: home, RETROVUE_DATABASE_URL: url }, join(scratch, 'lib'), files.length, bare.ms);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
