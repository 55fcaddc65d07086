// Unit tests of collection local_paths mapping (src/ingest/path-mapping.ts): parsing REMOTE=LOCAL,
// one mapping per remote prefix, and longest-prefix resolution on path boundaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetroVueError } from '../../src/core/errors.js';
import { normaliseMappings, parseMapping, resolveLocalPath } from '../../src/catalog/path-mapping.js';

describe('parseMapping', () => {
  it('splits REMOTE=LOCAL into two absolute paths', () => {
    assert.deepEqual(parseMapping('/mnt/media=/srv/media'), { remote: '/mnt/media', local: '/srv/media' });
  });

  it('normalises both sides: trailing slashes, doubled slashes, dot segments and surrounding blanks', () => {
    assert.deepEqual(parseMapping('/mnt/media/=/srv/media/'), { remote: '/mnt/media', local: '/srv/media' });
    assert.deepEqual(parseMapping('//mnt//media/./tv/../=/srv//media'), { remote: '/mnt/media', local: '/srv/media' });
    assert.deepEqual(parseMapping(' /mnt/media = /srv/media '), { remote: '/mnt/media', local: '/srv/media' });
  });

  it('keeps the root as "/" and splits at the first "=" so LOCAL may contain one', () => {
    assert.deepEqual(parseMapping('/=/srv'), { remote: '/', local: '/srv' });
    assert.deepEqual(parseMapping('///=/'), { remote: '/', local: '/' });
    assert.deepEqual(parseMapping('/mnt/a=/srv/a=b'), { remote: '/mnt/a', local: '/srv/a=b' });
  });

  for (const text of ['', '=', '/mnt/media', '/mnt/media=', '=/srv/media', ' =/srv', 'mnt=/srv', '/mnt=srv', './mnt=/srv', '/mnt=~/srv', '/mnt==/srv']) {
    it(`refuses ${JSON.stringify(text)} with invalid_input naming the mapping`, () => {
      assert.throws(
        () => parseMapping(text),
        (error: unknown) =>
          error instanceof RetroVueError &&
          error.code === 'invalid_input' &&
          error.message === `--local-path "${text}" must be REMOTE=LOCAL with two absolute paths, e.g. /mnt/media=/srv/media`,
      );
    });
  }
});

describe('normaliseMappings', () => {
  it('keeps one mapping per remote prefix, the last given winning', () => {
    const mappings = ['/mnt/a=/one', '/mnt/b=/two', '/mnt/a/=/three'].map(parseMapping);
    assert.deepEqual(normaliseMappings(mappings), [
      { remote: '/mnt/a', local: '/three' },
      { remote: '/mnt/b', local: '/two' },
    ]);
  });

  it('orders longest remote prefix first, equal lengths by name, whatever the input order', () => {
    const given = ['/=/root', '/mnt/b=/b', '/mnt=/m', '/mnt/a/deep=/deep', '/mnt/a=/a'].map(parseMapping);
    const expected = ['/mnt/a/deep', '/mnt/a', '/mnt/b', '/mnt', '/'];
    assert.deepEqual(normaliseMappings(given).map((m) => m.remote), expected);
    assert.deepEqual(normaliseMappings([...given].reverse()).map((m) => m.remote), expected);
  });

  it('returns an empty list for no mappings and never changes its input', () => {
    assert.deepEqual(normaliseMappings([]), []);
    const given = Object.freeze([{ remote: '/a', local: '/x' }, { remote: '/a/b', local: '/y' }]);
    normaliseMappings(given);
    assert.deepEqual(given, [{ remote: '/a', local: '/x' }, { remote: '/a/b', local: '/y' }]);
  });
});

describe('resolveLocalPath', () => {
  const mappings = normaliseMappings(['/mnt/a=/srv/a', '/mnt/a/tv=/tv', '/mnt=/short'].map(parseMapping));

  it('returns the path unchanged without mappings or when none matches', () => {
    assert.equal(resolveLocalPath('/mnt/a/x.mkv', []), '/mnt/a/x.mkv');
    assert.equal(resolveLocalPath('/elsewhere/x.mkv', mappings), '/elsewhere/x.mkv');
  });

  it('matches a prefix only on a path boundary: /mnt/a never matches /mnt/ab', () => {
    const only = [{ remote: '/mnt/a', local: '/srv/a' }];
    assert.equal(resolveLocalPath('/mnt/ab', only), '/mnt/ab');
    assert.equal(resolveLocalPath('/mnt/ab/x.mkv', only), '/mnt/ab/x.mkv');
    assert.equal(resolveLocalPath('/mnt/a-b/x.mkv', only), '/mnt/a-b/x.mkv');
    assert.equal(resolveLocalPath('/mnt/a/b/x.mkv', only), '/srv/a/b/x.mkv');
    // With a shorter mapping also present, /mnt/ab falls to it rather than to /mnt/a.
    assert.equal(resolveLocalPath('/mnt/ab/x.mkv', mappings), '/short/ab/x.mkv');
  });

  it('maps the prefix itself, with or without a trailing slash, to the local root', () => {
    assert.equal(resolveLocalPath('/mnt/a', mappings), '/srv/a');
    assert.equal(resolveLocalPath('/mnt/a/', mappings), '/srv/a');
    assert.equal(resolveLocalPath('/mnt/a/tv', mappings), '/tv');
  });

  it('picks the longest matching remote prefix whatever the order of the list', () => {
    const shuffled = [mappings[2], mappings[0], mappings[1]].filter((m) => m !== undefined);
    for (const list of [mappings, shuffled, [...mappings].reverse()]) {
      assert.equal(resolveLocalPath('/mnt/a/tv/Show/S01E01.mkv', list), '/tv/Show/S01E01.mkv');
      assert.equal(resolveLocalPath('/mnt/a/Movies/m.mkv', list), '/srv/a/Movies/m.mkv');
      assert.equal(resolveLocalPath('/mnt/other/o.mkv', list), '/short/other/o.mkv');
    }
  });

  it('treats a root mapping as the fallback for every absolute path', () => {
    const withRoot = normaliseMappings(['/=/srv/root', '/mnt/a=/srv/a'].map(parseMapping));
    assert.equal(resolveLocalPath('/data/x.mkv', withRoot), '/srv/root/data/x.mkv');
    assert.equal(resolveLocalPath('/mnt/a/x.mkv', withRoot), '/srv/a/x.mkv');
    assert.equal(resolveLocalPath('/', withRoot), '/srv/root');
  });

  it('resolves through a remote stored with a trailing slash as through the normalised one', () => {
    assert.equal(resolveLocalPath('/mnt/a/x.mkv', [{ remote: '/mnt/a/', local: '/srv/a/' }]), '/srv/a/x.mkv');
    assert.equal(resolveLocalPath('/mnt/ab/x.mkv', [{ remote: '/mnt/a/', local: '/srv/a' }]), '/mnt/ab/x.mkv');
  });

  it('keeps names that merely look special, such as spaces, dots and "=" in file names', () => {
    assert.equal(resolveLocalPath('/mnt/a/Show (1987)/a=b..mkv', mappings), '/srv/a/Show (1987)/a=b..mkv');
  });
});
