// Pure grid rules of the Channel noun, checked exhaustively over their small domains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertValidGrid,
  canonicalChannelNumber,
  compareChannelNumbers,
  gridBlockChoices,
} from '../../src/scheduling/channel/channel.js';

test('every block length that divides 1440 is accepted and no other', () => {
  const choices = new Set(gridBlockChoices());
  for (let minutes = 1; minutes <= 1440; minutes++) {
    const divides = 1440 % minutes === 0;
    assert.equal(choices.has(minutes), divides);
    if (divides) assert.doesNotThrow(() => assertValidGrid(minutes, [0]));
    else assert.throws(() => assertValidGrid(minutes, [0]), /must divide 1440/);
  }
});

test('an offset is accepted exactly when it lies in [0, block)', () => {
  for (const block of [5, 30, 60]) {
    for (let offset = -2; offset <= block + 2; offset++) {
      const inside = offset >= 0 && offset < block;
      if (inside) assert.doesNotThrow(() => assertValidGrid(block, [offset]));
      else assert.throws(() => assertValidGrid(block, [offset]), /must each lie in/);
    }
  }
});

test('canonical numbers drop leading zeros and are idempotent', () => {
  for (let major = 0; major < 120; major++) {
    for (const minor of [undefined, 0, 1, 12]) {
      const plain = minor === undefined ? `${major}` : `${major}.${minor}`;
      const padded = minor === undefined ? `00${major}` : `0${major}.0${minor}`;
      assert.equal(canonicalChannelNumber(padded), plain);
      assert.equal(canonicalChannelNumber(canonicalChannelNumber(padded)), plain);
    }
  }
});

test('dial order is a total order: majors numerically, then subchannels', () => {
  const numbers = ['10', '2', '7.2', '7', '7.10', '7.1', '100', '9.9'];
  const sorted = [...numbers].sort(compareChannelNumbers);
  assert.deepEqual(sorted, ['2', '7', '7.1', '7.2', '7.10', '9.9', '10', '100']);
  for (const a of numbers) for (const b of numbers) assert.equal(Math.sign(compareChannelNumbers(a, b)) + Math.sign(compareChannelNumbers(b, a)), 0);
});
