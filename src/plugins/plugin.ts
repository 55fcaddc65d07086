// What every plugin declares: its type name, what it does, and the JSON Schema of its config.
// Plugins are pure transformers: they return new objects, never persist and never start long-running processes.
export interface PluginDescriptor {
  readonly type: string;
  readonly description: string;
  /** JSON Schema (draft-07) of the plugin's config; validated with ajv before the plugin sees it. */
  readonly configSchema: Readonly<Record<string, unknown>>;
}

export type PluginKind = 'importer' | 'enricher' | 'producer';
