// Test-only plugins of kinds the built-ins do not cover: a second importer and a playout enricher. Rules
// that speak of "every" type are proven with these registered beside the built-ins, handed to the CLI
// through its context (never by changing a module-level registry).
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import type { PlayoutEnricher } from '../../src/plugins/enricher.js';
import type { Importer } from '../../src/plugins/importer.js';
import { serverFile } from '../../src/plugins/importers/server-file.js';
import type { PluginRegistries } from '../../src/plugins/plugin-registries.js';

/** An importer over a fixed list of names: no files, no network. */
export const listImporter: Importer<{ readonly names: readonly string[] }> = {
  type: 'list-test',
  description: 'Test only: collections named in its config, each empty.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['names'],
    properties: { names: { type: 'array', items: { type: 'string' } } },
  },
  normaliseConfig: async (raw) => ({ names: (raw['names'] as string[] | undefined) ?? [] }),
  discoverCollections: async (config) => config.names.map((name) => ({ externalKey: name, name, sourcePath: `list:${name}` })),
  collectionSourcePath: (_config, key) => `list:${key}`,
  listItems: async () => [],
};

/**
 * A third kind of importer, as a plugin author would write one: a catalogue (JSON in its config) of titled
 * files with versions, read through the same server-file mapping the media-server importers use. It proves
 * a new kind is added, discovered and ingested without any change to Core.
 */
export const catalogueImporter: Importer<{ readonly shelves: Record<string, Array<{ id: string; file: string; title: string; version: string }>> }> = {
  type: 'catalogue-test',
  description: 'Test only: shelves of titled files listed in its config.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['shelves', 'secret'],
    properties: { shelves: { type: 'object' }, secret: { type: 'string', writeOnly: true } },
  },
  ingestEnrichers: ['ffprobe'],
  normaliseConfig: async (raw) => raw as never,
  discoverCollections: async (config) => Object.keys(config.shelves).map((name) => ({ externalKey: name, name, sourcePath: `/shelves/${name}` })),
  collectionSourcePath: () => undefined,
  listItems: async ({ config, collection, localPathOf }) =>
    Promise.all(
      (config.shelves[collection.externalKey] ?? []).map(async (entry) => {
        const file = await serverFile(entry.file, [collection.sourcePath], localPathOf, 'map the shelf');
        return { providerKey: entry.id, version: entry.version, metadata: { kind: 'movie' as const, title: entry.title }, ...file };
      }),
    ),
};

/** A playout enricher that puts a station bug in a corner for the whole plan. */
export const bugEnricher: PlayoutEnricher<{ readonly image: string; readonly corner?: 'top-left' | 'top-right' }> = {
  type: 'bug-test',
  kind: 'playout',
  description: 'Test only: a station bug in one corner.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['image'],
    properties: { image: { type: 'string' }, corner: { enum: ['top-left', 'top-right'] } },
  },
  decorate: (plan, config) => ({
    ...plan,
    directives: [...plan.directives, { kind: 'image-overlay', imagePath: config.image, corner: config.corner ?? 'top-right', opacity: 0.8, marginPx: 16 }],
  }),
};

/** The built-in plugins plus the test-only importer and playout enricher. */
export function pluginsWithTestTypes(): PluginRegistries {
  const plugins = builtinPlugins();
  plugins.importers.register(listImporter);
  plugins.enrichers.register(bugEnricher);
  return plugins;
}
