// forEachBounded: bounded parallelism that stops cleanly on abort or failure and never abandons work in flight.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachBounded } from '../../src/core/bounded-pool.js';

/** Work that records how many items run at once, and which items started and finished. */
function tracker() {
  let inFlight = 0;
  const state = { peak: 0, started: [] as number[], finished: [] as number[] };
  const work = async (item: number, ms = 2 + (item % 3) * 3) => {
    state.started.push(item);
    inFlight++;
    state.peak = Math.max(state.peak, inFlight);
    await sleep(ms);
    inFlight--;
    state.finished.push(item);
  };
  return { state, work, inFlight: () => inFlight };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('forEachBounded', () => {
  for (const concurrency of [1, 3, 8]) {
    it(`never runs more than ${concurrency} items at once, and runs each item exactly once`, async () => {
      const { state, work } = tracker();
      const seenIndexes: number[] = [];
      await forEachBounded(range(40), concurrency, async (item, index) => {
        seenIndexes.push(index);
        assert.equal(item, index);
        await work(item);
      });
      assert.equal(state.peak, concurrency);
      assert.deepEqual([...state.finished].sort((a, b) => a - b), range(40));
      assert.deepEqual([...seenIndexes].sort((a, b) => a - b), range(40));
    });
  }

  it('starts items in list order and copes with more lanes than items and an empty list', async () => {
    const { state, work } = tracker();
    await forEachBounded(range(3), 16, (item) => work(item));
    assert.deepEqual(state.started, [0, 1, 2]);
    assert.equal(state.peak, 3);
    let calls = 0;
    await forEachBounded([], 4, async () => {
      calls++;
    });
    assert.equal(calls, 0);
  });

  it('stops taking items once the signal aborts, and waits for those in flight before returning', async () => {
    const { state, work, inFlight } = tracker();
    const controller = new AbortController();
    await forEachBounded(
      range(100),
      4,
      async (item) => {
        if (item === 10) controller.abort();
        await work(item, 5);
      },
      controller.signal,
    );
    assert.equal(inFlight(), 0, 'returned while work was still running');
    assert.deepEqual([...state.finished].sort((a, b) => a - b), [...state.started].sort((a, b) => a - b));
    // Items 0..10 started before the abort; at most the 3 other lanes' current items besides.
    assert.ok(state.started.length >= 11 && state.started.length <= 14, `started ${state.started.length}`);
    assert.ok(!state.started.some((i) => i > 13));
  });

  it('takes nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await forEachBounded(range(5), 2, async () => {
      calls++;
    }, controller.signal);
    assert.equal(calls, 0);
  });

  it('rethrows the first failure after the items in flight finish, and takes no new items', async () => {
    const { state, work, inFlight } = tracker();
    const first = new Error('first');
    const rejected = await forEachBounded(range(50), 3, async (item) => {
      if (item === 4) {
        await sleep(1);
        throw first;
      }
      if (item === 5) {
        await sleep(8);
        throw new Error('second');
      }
      await work(item, 10);
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.equal(rejected, first);
    assert.equal(inFlight(), 0, 'rejected while work was still running');
    assert.deepEqual([...state.finished].sort((a, b) => a - b), [...state.started].sort((a, b) => a - b));
    // Lanes took 0-2, then 3-5; after item 4 failed no lane took another item.
    assert.deepEqual([...state.started].sort((a, b) => a - b), [0, 1, 2, 3]);
  });

  it('rethrows a synchronous throw of the work function as well', async () => {
    const boom = new TypeError('sync boom');
    await assert.rejects(
      forEachBounded(range(3), 2, (item) => {
        if (item === 1) throw boom;
        return Promise.resolve();
      }),
      (error) => error === boom,
    );
  });
});
