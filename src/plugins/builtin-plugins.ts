// The built-in plugins. Adding one = one file + one line here. Each call gives fresh registries, so a
// caller that registers more (a test's own importer) never changes what another caller sees.
import { bugEnricher } from './enrichers/bug-enricher.js';
import { crawlEnricher } from './enrichers/crawl-enricher.js';
import { ffprobeEnricher } from './enrichers/ffprobe-enricher.js';
import { filenameEnricher } from './enrichers/filename-enricher.js';
import { loudnessEnricher } from './enrichers/loudness-enricher.js';
import { lowerThirdEnricher } from './enrichers/lower-third-enricher.js';
import { vhsEnricher } from './enrichers/vhs-enricher.js';
import type { Enricher } from './enricher.js';
import type { Importer } from './importer.js';
import { filesystemImporter } from './importers/filesystem-importer.js';
import { embyImporter, jellyfinImporter } from './importers/jellyfin/jellyfin-importer.js';
import { plexImporter } from './importers/plex/plex-importer.js';
import type { PluginRegistries } from './plugin-registries.js';
import type { Producer } from './producer.js';
import { scheduleProducer } from './producers/schedule-producer.js';
import { testPatternProducer } from './producers/test-pattern-producer.js';
import { PluginRegistry } from './registry.js';

/** @example const plugins = builtinPlugins(); plugins.importers.register(myImporter); */
export function builtinPlugins(): PluginRegistries {
  return {
    importers: new PluginRegistry<Importer<any>>('importer')
      .register(filesystemImporter)
      .register(plexImporter)
      .register(jellyfinImporter)
      .register(embyImporter),
    enrichers: new PluginRegistry<Enricher<any>>('enricher')
      .register(ffprobeEnricher)
      .register(filenameEnricher)
      .register(loudnessEnricher)
      .register(bugEnricher)
      .register(lowerThirdEnricher)
      .register(crawlEnricher)
      .register(vhsEnricher),
    producers: new PluginRegistry<Producer<any>>('producer').register(scheduleProducer).register(testPatternProducer),
  };
}
