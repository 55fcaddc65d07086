// shellWord: the words of a suggested command paste into a POSIX shell as one argument each, unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execa } from 'execa';
import { shellWord } from '../../src/command/shell-quote.js';
import { sourceNameFor } from '../../src/demo/demo-commands.js';

const hostile = ['lib', './lib', '/srv/media/TV Shows', "Bob's Shows", 'a"b', '$HOME', '`id`', 'x;rm -rf y', 'tab\there', 'new\nline', '*', '-n', 'ünïcødé'];

test('every hostile word reaches the shell as exactly the word', async () => {
  for (const word of hostile) {
    const echoed = await execa('sh', ['-c', `printf '%s' ${shellWord(word)}`]);
    assert.equal(echoed.stdout, word, `${JSON.stringify(word)} as ${shellWord(word)}`);
  }
});

test('plain words stay unquoted, so the common hint reads as typed', () => {
  assert.equal(shellWord('lib'), 'lib');
  assert.equal(shellWord('./lib'), './lib');
  assert.equal(shellWord('/srv/media'), '/srv/media');
  assert.equal(shellWord("Bob's Shows"), `'Bob'\\''s Shows'`);
});

test('a demo source is named after its folder, within the source-name pattern', () => {
  assert.equal(sourceNameFor('/home/op/lib'), 'lib');
  assert.equal(sourceNameFor("/home/op/Bob's TV Shows"), 'bob-s-tv-shows');
  assert.equal(sourceNameFor('/home/op/__'), 'demo');
  assert.equal(sourceNameFor('/'), 'demo');
  for (const dir of ['/a/Ünïcødé Library', '/a/-x-', '/a/My_Lib 2']) assert.match(sourceNameFor(dir), /^[a-z0-9][a-z0-9_-]*$/);
});
