// A Jellyfin or Emby source's config and the one difference between the two servers this importer
// relies on: how the API key is presented. Normalising never contacts the server.
import { RetroVueError } from '../../../core/errors.js';
import { normaliseServerUrl } from '../media-server-http.js';
import { credentialText } from '../server-credential.js';

export interface JellyfinConfig {
  readonly url: string;
  readonly api_key: string;
  readonly timeout_ms: number;
  readonly page_size: number;
}

/** Which server speaks the API: Emby and Jellyfin share /Library/VirtualFolders and /Items. */
export interface ServerFlavour {
  /** The importer type (and source type) name. */
  readonly type: 'jellyfin' | 'emby';
  /** The product's name in messages. */
  readonly product: string;
  /** The headers that carry the API key. */
  authHeaders(apiKey: string): Record<string, string>;
}

/** Jellyfin 10.9+ reads the key from `Authorization: MediaBrowser Token="…"`; X-Emby-Token only with legacy authorization on. */
export const jellyfinFlavour: ServerFlavour = {
  type: 'jellyfin',
  product: 'Jellyfin',
  authHeaders: (apiKey) => ({ authorization: `MediaBrowser Client="RetroVue", Token="${encodeURIComponent(apiKey)}"` }),
};

/** Emby reads an API key from X-Emby-Token. */
export const embyFlavour: ServerFlavour = {
  type: 'emby',
  product: 'Emby',
  authHeaders: (apiKey) => ({ 'x-emby-token': apiKey }),
};

export const defaultTimeoutMs = 30_000;
export const defaultPageSize = 200;

export function configSchema(flavour: ServerFlavour): Readonly<Record<string, unknown>> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'api_key'],
    properties: {
      url: { type: 'string', minLength: 1, description: `The ${flavour.product} server's address, e.g. http://nas:8096.` },
      api_key: { type: 'string', minLength: 1, writeOnly: true, description: `An API key made in ${flavour.product}'s dashboard (API Keys).` },
      timeout_ms: { type: 'integer', minimum: 100, maximum: 600_000, default: defaultTimeoutMs, description: 'How long one request may take.' },
      page_size: { type: 'integer', minimum: 1, maximum: 10_000, default: defaultPageSize, description: 'Items asked for per request.' },
    },
  };
}

function integerIn(raw: unknown, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new RetroVueError('invalid_input', `${name} must be an integer from ${min} to ${max}`);
  }
  return raw;
}

/** Checks and fills an operator's config; the key's value never reaches a message. */
export function normaliseConfig(flavour: ServerFlavour, raw: Record<string, unknown>): JellyfinConfig {
  const apiKey = credentialText(raw['api_key'], `${flavour.type} api_key must be a non-empty string of visible ASCII characters (an API key made in ${flavour.product}'s dashboard)`);
  return {
    url: normaliseServerUrl(raw['url'], flavour.product),
    api_key: apiKey,
    timeout_ms: integerIn(raw['timeout_ms'], 'timeout_ms', defaultTimeoutMs, 100, 600_000),
    page_size: integerIn(raw['page_size'], 'page_size', defaultPageSize, 1, 10_000),
  };
}
