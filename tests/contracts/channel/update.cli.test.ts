// CLI contract tests for `retrovue channel update` (contracts/channel/update.yaml).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { makeLogoFiles } from '../../support/logo-files.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-logo-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const logos = makeLogoFiles(scratch);
type WithLogo = Updated & { logo: { content_type: string; bytes: number; sha256: string } | null };

interface Updated {
  channel: { id: string; name: string; number: string; grid_block_minutes: number; block_start_offsets_minutes: number[] };
  changed: string[];
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  test('B-1: prints the updated channel and the changed fields, and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'update', 'retro1', '--name', 'Retro Prime', '--grid-block-minutes', '60', '--json'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.channel.name, 'Retro Prime');
    assert.equal(doc.channel.grid_block_minutes, 60);
    assert.deepEqual(doc.changed.sort(), ['grid_block_minutes', 'name']);
    const same = json<Updated>(await cli(['channel', 'update', 'retro1', '--name', 'Retro Prime', '--json'], { database: fx.database }));
    assert.deepEqual(same.changed, []);
  });

  test('B-2: an unknown id exits 1 with one line naming it', async () => {
    const run = await cli(['channel', 'update', 'ghost', '--name', 'Boo'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, 'retrovue: error: channel "ghost" does not exist; see retrovue channel list\n');
  });

  test('B-3: --dry-run reports the channel as it would become and persists nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'update', 'retro1', '--number', '9', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.channel.number, '9');
    assert.equal(doc.dry_run, true);
    const shown = json<Updated>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    assert.equal(shown.channel.number, '3');
    const text = await cli(['channel', 'update', 'retro1', '--number', '9', '--dry-run'], { database: fx.database });
    assert.match(text.stdout, /would update number/);
    assert.match(text.stderr, /dry run: nothing was changed/);
  });

  test('B-4: a value that breaks the grid is refused with exit 1 naming the field', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--grid-block-minutes', '60', '--block-start-offsets-minutes', '0,45']);
    const badBlock = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '25'], { database: fx.database });
    assert.equal(badBlock.exitCode, 1);
    assert.match(badBlock.stderr, /grid-block-minutes must divide 1440/);
    const offsetOutside = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '30'], { database: fx.database });
    assert.equal(offsetOutside.exitCode, 1);
    assert.match(offsetOutside.stderr, /block-start-offsets-minutes must each lie in \[0, 30\) for a 30-minute block; got 45/);
  });

  test('B-5: an unknown producer, an unknown enricher or an ingest enricher is refused with exit 1 naming it', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const producer = await cli(['channel', 'update', 'retro1', '--producer', 'vcr'], { database: fx.database });
    assert.equal(producer.exitCode, 1);
    assert.equal(producer.stderr, 'retrovue: error: producer "vcr" does not exist; see retrovue producer list\n');
    const enricher = await cli(['channel', 'update', 'retro1', '--enrichers', 'ghost'], { database: fx.database });
    assert.equal(enricher.exitCode, 1);
    assert.equal(enricher.stderr, 'retrovue: error: enricher "ghost" does not exist; see retrovue enricher list\n');
    const ingest = await cli(['channel', 'update', 'retro1', '--enrichers', 'ffprobe'], { database: fx.database });
    assert.equal(ingest.exitCode, 1);
    assert.match(ingest.stderr, /enricher "ffprobe" is an ingest enricher; a channel takes playout enrichers/);
  });

  test('B-1: --producer and --enrichers are reported as changed, with the resulting chain', async () => {
    await addChannel(fx.database, 'retro1', '3');
    assert.equal((await cli(['producer', 'add', '--id', 'bars', '--type', 'test-pattern'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['enricher', 'add', '--id', 'tape', '--type', 'vhs'], { database: fx.database })).exitCode, 0);
    const run = await cli(['channel', 'update', 'retro1', '--producer', 'bars', '--enrichers', 'tape', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated & { enrichers: string[]; channel: { producer: string | null } }>(run);
    assert.deepEqual([doc.changed, doc.enrichers, doc.channel.producer], [['producer', 'enrichers'], ['tape'], 'bars']);
    const text = await cli(['channel', 'update', 'retro1', '--producer', 'default'], { database: fx.database });
    assert.match(text.stdout, /^updated producer\n[^]*producer default \(schedule\), playout enrichers tape\n$/);
  });

  test('B-6: --logo FILE stores the logo and --logo \'\' removes it, each reported as changed', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const set = json<WithLogo>(await cli(['channel', 'update', 'retro1', '--logo', logos.png, '--json'], { database: fx.database }));
    assert.deepEqual(set.changed, ['logo']);
    assert.equal(set.logo?.content_type, 'image/png');
    assert.match(set.logo?.sha256 ?? '', /^[0-9a-f]{64}$/);
    const again = json<WithLogo>(await cli(['channel', 'update', 'retro1', '--logo', logos.png, '--json'], { database: fx.database }));
    assert.deepEqual(again.changed, [], 'the same image again changes nothing');
    const text = await cli(['channel', 'update', 'retro1', '--logo', ''], { database: fx.database });
    assert.match(text.stdout, /updated logo\n[\s\S]*logo none/);
    const cleared = json<WithLogo>(await cli(['channel', 'update', 'retro1', '--logo', '', '--json'], { database: fx.database }));
    assert.deepEqual([cleared.changed, cleared.logo], [[], null]);
  });

  test('B-7: a missing file, a directory, a FIFO (at once), a non-image or a file over 1 MiB is refused in one line naming it, changing nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    await cli(['channel', 'update', 'retro1', '--logo', logos.png], { database: fx.database });
    const cases: Array<[string, RegExp]> = [
      [logos.missing, /--logo .*no-such-logo\.png cannot be read: ENOENT/],
      [logos.directory, /--logo .*a-directory\.png (is not a file|cannot be read: EISDIR)/],
      [logos.text, /--logo .*notes\.png is not a PNG, JPEG, GIF, WebP or SVG image/],
      [logos.huge, /--logo .*huge\.png is 1048584 bytes, over the 1048576-byte \(1 MiB\) limit/],
      [logos.fifo, /--logo .*pipe\.png is not a file/],
    ];
    for (const [file, message] of cases) {
      // A FIFO must be refused at once: a writer opens it after 5 s only to end a CLI that waits for one.
      const unblock = file === logos.fifo ? spawn('sh', ['-c', 'sleep 5; : > "$0"', file], { stdio: 'ignore' }) : undefined;
      const startedAt = Date.now();
      const run = await cli(['channel', 'update', 'retro1', '--name', 'Renamed', '--logo', file], { database: fx.database });
      unblock?.kill('SIGKILL');
      assert.ok(Date.now() - startedAt < 4000, `--logo ${file} took ${Date.now() - startedAt} ms`);
      assert.equal(run.exitCode, 1, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
    }
    const shown = json<WithLogo & { channel: { name: string } }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    assert.equal(shown.channel.name, 'Channel retro1', 'the name given beside a refused logo is not saved');
    assert.equal(shown.logo?.content_type, 'image/png', 'the earlier logo is kept');
  });

  test('B-20: bad presentation options are refused in one line naming the option, and change nothing', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--audio-languages', 'eng']);
    const before = json<{ channel: unknown }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    const cases: [string[], RegExp][] = [
      [['--audio-languages', 'jpn,xx1'], /^retrovue: error: --audio-languages takes ISO 639 language codes such as eng,jpn or en,ja; got "xx1"\n$/],
      [['--subtitle-languages', 'ja,jpn'], /^retrovue: error: --subtitle-languages names a language twice/],
      [['--subtitles', 'never'], /subtitles/],
      [['--loudness-target', '-9'], /^retrovue: error: --loudness-target must be off or LUFS from -40 to -10/],
      [['--name', 'Renamed', '--loudness-target', 'NaN'], /--loudness-target must be off or LUFS/],
    ];
    for (const [options, message] of cases) {
      const run = await cli(['channel', 'update', 'retro1', ...options], { database: fx.database });
      assert.equal(run.exitCode, 1, `${options.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    }
    const after = json<{ channel: unknown }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    assert.deepEqual(after, before);
  });
});
