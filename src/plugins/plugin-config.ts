// Validates a plugin's config against its declared schema before the plugin ever sees it.
import { loadAjv } from '../core/ajv-loader.js';
import { RetroVueError } from '../core/errors.js';
import type { PluginDescriptor, PluginKind } from './plugin.js';

/** Parses an operator's `--config` JSON text into an object, or says why it cannot. */
export function parseConfigJson(text: string | undefined, option = '--config'): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RetroVueError('invalid_input', `${option} must be a JSON object: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RetroVueError('invalid_input', `${option} must be a JSON object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export async function assertValidPluginConfig(kind: PluginKind, plugin: PluginDescriptor, config: unknown): Promise<void> {
  // ajv is loaded only by the commands that validate plugin config.
  const Ajv = await loadAjv();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(plugin.configSchema);
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'config';
      const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params['additionalProperty'])}"` : '';
      return `${where} ${e.message ?? 'is invalid'}${extra}`;
    });
    throw new RetroVueError('invalid_input', `${plugin.type} ${kind} config is invalid: ${problems.join('; ')}`);
  }
}
