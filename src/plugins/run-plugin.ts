// Contains a plugin's failure: whatever it throws becomes one clear error naming the plugin and the item.
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import type { PluginKind } from './plugin.js';

export async function runPlugin<T>(kind: PluginKind, name: string, item: string, call: () => Promise<T> | T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isRetroVueError(error) && error.code === 'unreachable') throw error; // a missing tool is not the plugin's fault
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('plugin_failed', `${kind} ${name} failed on ${item}: ${reason}`, { cause: error });
  }
}
