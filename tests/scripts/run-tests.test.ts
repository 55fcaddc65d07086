// The test runner's grouping: files longest first, each group about 1/workers of the expected work left and
// no less than the minimum, so groups shrink as the run goes on and the workers finish together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextGroup } from '../../scripts/run-tests.js';

test('groups are cut off the front of the queue, longest first: a long file alone, then shrinking groups, the last ones at the minimum', () => {
  const expected = new Map<string, number>([['long', 150], ['a', 60], ['b', 50], ['c', 40], ...Array.from({ length: 20 }, (_, i) => [`small-${i}`, 5] as [string, number])]);
  const queue = [...expected.keys()];
  const groups: string[][] = [];
  for (let group = nextGroup(queue, expected, 2, 30); group.length > 0; group = nextGroup(queue, expected, 2, 30)) groups.push(group);
  const cost = (g: string[]) => g.reduce((n, f) => n + (expected.get(f) ?? 0), 0);
  // 400 expected in all: a 200 target takes the long file alone, 250 left a 125 target takes 110, and so on.
  assert.deepEqual(groups.map(cost), [150, 110, 70, 35, 30, 5]);
  assert.deepEqual(groups[0], ['long']);
  assert.deepEqual(groups[1], ['a', 'b']);
  assert.deepEqual(groups.flat(), [...expected.keys()], 'every file runs once, longest first');
});

test('a file longer than the target still runs, alone; an empty queue gives no group', () => {
  const expected = new Map([['huge', 1000], ['tiny', 1]]);
  const queue = ['huge', 'tiny'];
  assert.deepEqual(nextGroup(queue, expected, 2, 30), ['huge']);
  assert.deepEqual(nextGroup(queue, expected, 2, 30), ['tiny']);
  assert.deepEqual(nextGroup(queue, expected, 2, 30), []);
});
