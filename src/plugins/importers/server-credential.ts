// A media server's token or API key as it may travel in an HTTP header. Plex tokens and Jellyfin/Emby API
// keys are visible ASCII; anything else (a line break or tab pasted inside, a non-ASCII character) cannot be
// sent in a header at all, and used to surface only at discover as "not reachable … check the source's url".
import { RetroVueError } from '../../core/errors.js';

/**
 * The credential trimmed; refused (naming the field, never the value) when empty or not visible ASCII.
 * @param refusal the whole message of the refusal, e.g. "plex importer config token must be …"
 */
export function credentialText(raw: unknown, refusal: string): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!/^[\x21-\x7e]+$/.test(value)) throw new RetroVueError('invalid_input', refusal);
  return value;
}
