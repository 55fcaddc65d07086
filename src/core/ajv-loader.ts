// ajv, loaded on first use by the commands that validate a document against a JSON Schema. ajv is a
// CommonJS package: run as ESM its class is a named export, bundled into a split chunk only the default
// export (module.exports, which is the class and carries .Ajv) survives. This reads it either way.
import type { Ajv as AjvClass } from 'ajv';

type AjvConstructor = typeof AjvClass;

export async function loadAjv(): Promise<AjvConstructor> {
  const module = (await import('ajv')) as unknown as { Ajv?: AjvConstructor; default?: AjvConstructor & { Ajv?: AjvConstructor } };
  const Ajv = module.Ajv ?? module.default?.Ajv ?? module.default;
  if (typeof Ajv !== 'function') throw new Error('the ajv package did not load its validator class');
  return Ajv;
}
