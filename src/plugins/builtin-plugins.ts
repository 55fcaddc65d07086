// The built-in plugins. Adding one = one file + one line here. Each call gives fresh registries, so a
// caller that registers more (a test's own importer) never changes what another caller sees.
import { ffprobeEnricher } from './enrichers/ffprobe-enricher.js';
import { filenameEnricher } from './enrichers/filename-enricher.js';
import type { Enricher } from './enricher.js';
import type { Importer } from './importer.js';
import { filesystemImporter } from './importers/filesystem-importer.js';
import type { PluginRegistries } from './plugin-registries.js';
import type { Producer } from './producer.js';
import { PluginRegistry } from './registry.js';

/** @example const plugins = builtinPlugins(); plugins.importers.register(myImporter); */
export function builtinPlugins(): PluginRegistries {
  return {
    importers: new PluginRegistry<Importer<any>>('importer').register(filesystemImporter),
    enrichers: new PluginRegistry<Enricher<any>>('enricher').register(ffprobeEnricher).register(filenameEnricher),
    producers: new PluginRegistry<Producer>('producer'),
  };
}
