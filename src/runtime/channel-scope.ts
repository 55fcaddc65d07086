// Which channel a piece of runtime work belongs to, carried through its callbacks, timers, promises and
// child-process events (AsyncLocalStorage): an error nobody handled can then be pinned on its channel.

import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string>();

/** Runs `work` (and everything it schedules) as work of `channelId`. */
export function inChannel<T>(channelId: string, work: () => T): T {
  return scope.run(channelId, work);
}

/** The channel whose work is running now, if any. */
export function currentChannel(): string | undefined {
  return scope.getStore();
}
