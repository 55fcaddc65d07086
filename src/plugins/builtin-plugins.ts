// The plugin registries, with the built-in plugins registered. Adding a plugin = one file + one line here.
import type { Enricher } from './enricher.js';
import { ffprobeEnricher } from './enrichers/ffprobe-enricher.js';
import { filenameEnricher } from './enrichers/filename-enricher.js';
import type { Importer } from './importer.js';
import { filesystemImporter } from './importers/filesystem-importer.js';
import type { Producer } from './producer.js';
import { PluginRegistry } from './registry.js';

export const importers = new PluginRegistry<Importer<any>>('importer').register(filesystemImporter);

export const enrichers = new PluginRegistry<Enricher<any>>('enricher').register(ffprobeEnricher).register(filenameEnricher);

export const producers = new PluginRegistry<Producer>('producer');

/** Ingest enricher instances every newly discovered collection gets, in this order. */
export const defaultIngestEnricherIds = ['ffprobe', 'filename'] as const;
