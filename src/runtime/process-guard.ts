// The serving process's last resort: an error nobody handled (a rejected promise, a throw in a callback) is
// logged instead of killing the process; if it arose in a channel's work, that channel alone is stopped.
// Installed by RuntimeServer while it serves (`runtime serve`, `retrovue demo`).
import type { Logger } from '../core/logger.js';
import { currentChannel } from './channel-scope.js';

/**
 * @param stopChannel stops one channel (its viewers disconnected, its engine gone); must not throw.
 * @returns removes the handlers again.
 * @example
 * const unguard = guardProcess(log, (id, error) => director.failChannel(id, error));
 */
export function guardProcess(log: Logger, stopChannel: (channelId: string, error: unknown) => void): () => void {
  const handler = (what: string) => (error: unknown) => {
    const channel = currentChannel();
    const outcome = channel === undefined ? 'the server carries on' : `channel "${channel}" is stopped; the server and the other channels carry on`;
    log.error({ err: error, channel }, `${what}: ${outcome}`);
    if (channel !== undefined) stopChannel(channel, error);
  };
  const onRejection = handler('a promise rejection nobody handled');
  const onException = handler('an exception nobody caught');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
