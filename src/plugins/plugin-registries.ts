// The registries a command works with, one per plugin kind. They travel in the command context, so a
// test or the runtime can hand in its own importer, enricher or producer; run-cli puts in the built-ins.
import type { Enricher } from './enricher.js';
import type { Importer } from './importer.js';
import type { Producer } from './producer.js';
import type { PluginRegistry } from './registry.js';

export interface PluginRegistries {
  readonly importers: PluginRegistry<Importer<any>>;
  readonly enrichers: PluginRegistry<Enricher<any>>;
  readonly producers: PluginRegistry<Producer<any>>;
}
