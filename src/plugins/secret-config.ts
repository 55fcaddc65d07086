// Secrets in a plugin's config (a media server's token or API key): the fields its schema marks
// `writeOnly`. They are stored as given and never printed: output shows a mask, an export leaves them
// out, and a new config that leaves one out (or gives the mask back) keeps the stored value.
import type { PluginDescriptor } from './plugin.js';

/** What a secret is printed as. */
export const secretMask = '********';

/** The config fields `plugin` declares secret. */
export function secretFields(plugin: PluginDescriptor): string[] {
  const properties = (plugin.configSchema['properties'] ?? {}) as Record<string, { writeOnly?: unknown }>;
  return Object.entries(properties)
    .filter(([, schema]) => schema?.writeOnly === true)
    .map(([name]) => name);
}

/** The config as it may be shown: each secret that is set replaced by the mask. */
export function maskSecrets(config: Readonly<Record<string, unknown>>, plugin: PluginDescriptor): Record<string, unknown> {
  const masked = { ...config };
  for (const field of secretFields(plugin)) if (masked[field] !== undefined) masked[field] = secretMask;
  return masked;
}

/** The config without its secrets (what an exported network file holds). */
export function withoutSecrets(config: Readonly<Record<string, unknown>>, plugin: PluginDescriptor): Record<string, unknown> {
  const kept = { ...config };
  for (const field of secretFields(plugin)) delete kept[field];
  return kept;
}

/** A new config with every secret it leaves out, or gives as the mask, taken from the stored one. */
export function keepStoredSecrets(next: Readonly<Record<string, unknown>>, stored: Readonly<Record<string, unknown>>, plugin: PluginDescriptor): Record<string, unknown> {
  const merged = { ...next };
  for (const field of secretFields(plugin)) {
    if ((merged[field] === undefined || merged[field] === secretMask) && stored[field] !== undefined) merged[field] = stored[field];
  }
  return merged;
}
