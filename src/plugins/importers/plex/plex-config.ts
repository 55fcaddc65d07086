// A Plex source's config: the server's address and the operator's X-Plex-Token, checked without asking
// the server (the token is proven at discover). The token is writeOnly, so Core masks it when printing.
import { RetroVueError } from '../../../core/errors.js';
import { normaliseServerUrl } from '../media-server-http.js';
import { credentialText } from '../server-credential.js';

export interface PlexConfig {
  /** The server's base URL, normalised (no trailing slash). */
  readonly url: string;
  readonly token: string;
  /** Deadline of each answer from the server. */
  readonly timeout_ms: number;
  /** Items asked for per page of a library listing. */
  readonly page_size: number;
}

export const plexDefaults = { timeout_ms: 30_000, page_size: 200 } as const;

export const plexConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'token'],
  properties: {
    url: { type: 'string', minLength: 1, description: 'The Plex server, e.g. http://192.168.1.10:32400.' },
    token: { type: 'string', minLength: 1, writeOnly: true, description: 'An X-Plex-Token of an account that can read the libraries.' },
    timeout_ms: { type: 'integer', minimum: 100, maximum: 600_000, default: plexDefaults.timeout_ms, description: 'Deadline of each answer from the server.' },
    page_size: { type: 'integer', minimum: 1, maximum: 10_000, default: plexDefaults.page_size, description: 'Items asked for per page of a library listing.' },
  },
} as const;

function integerIn(raw: unknown, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new RetroVueError('invalid_input', `plex importer config ${name} must be an integer from ${min} to ${max}`);
  }
  return raw;
}

/** Checks and fills a raw config (already validated against the schema by Core); never contacts the server. */
export function normalisePlexConfig(raw: Record<string, unknown>): PlexConfig {
  // Never echo the token: a wrong one is named by its field alone.
  const token = credentialText(raw['token'], 'plex importer config token must be a non-empty string of visible ASCII characters (the X-Plex-Token as Plex gives it)');
  return {
    url: normaliseServerUrl(raw['url'], 'plex importer config'),
    token,
    timeout_ms: integerIn(raw['timeout_ms'], 'timeout_ms', 100, 600_000, plexDefaults.timeout_ms),
    page_size: integerIn(raw['page_size'], 'page_size', 1, 10_000, plexDefaults.page_size),
  };
}

/** How the server is named in messages: its address, never the token. */
export const plexServerName = (config: PlexConfig): string => `the Plex server ${config.url}`;
