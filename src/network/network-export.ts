// The current network as a network file: what `network export` writes and what `network apply` compares
// before and after its changes (so the plan it prints is the file's own difference).
import { stringify } from 'yaml';
import type { NetworkFile } from '../../generated/network-schema.js';
import type { TransactionContext } from '../command/command-context.js';
import { exportEnrichers, exportProducers, exportSources } from './export-catalog.js';
import { exportChannels, exportPrograms, exportSyntheticAssets, exportVirtualAssets } from './export-schedule.js';
import { compact } from './network-values.js';

export async function currentNetwork(ctx: TransactionContext): Promise<NetworkFile> {
  return compact<NetworkFile>({
    version: 1,
    sources: await exportSources(ctx),
    enrichers: await exportEnrichers(ctx),
    producers: await exportProducers(ctx),
    'synthetic-assets': await exportSyntheticAssets(ctx),
    'virtual-assets': await exportVirtualAssets(ctx),
    programs: await exportPrograms(ctx),
    channels: await exportChannels(ctx),
  });
}

const header = [
  '# A RetroVue network (retrovue network export). Apply it with: retrovue network apply -f <this file>',
  '# Its JSON Schema is generated/network.schema.json in the RetroVue repository.',
].join('\n');

/**
 * The file's text: block style, keys in the schema's order, long lines kept whole (a diff shows one field
 * per line). Strings a YAML 1.1 reader would take for something else (06:00, yes, on) are quoted, so every
 * tool reads the file as RetroVue does.
 */
export function renderNetworkFile(network: NetworkFile): string {
  return `${header}\n${stringify(network, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', version: '1.1' })}`;
}

/** How many objects the file declares (nested ones included). */
export function countObjects(network: NetworkFile): number {
  const sources = network.sources ?? [];
  const channels = network.channels ?? [];
  return (
    sources.length +
    sources.reduce((n, s) => n + (s.collections?.length ?? 0), 0) +
    (network.enrichers?.length ?? 0) +
    (network.producers?.length ?? 0) +
    (network['synthetic-assets']?.length ?? 0) +
    (network['virtual-assets']?.length ?? 0) +
    (network.programs?.length ?? 0) +
    channels.length +
    channels.reduce((n, c) => n + (c.interstitials?.length ?? 0) + (c.plans ?? []).reduce((m, p) => m + 1 + (p.zones?.length ?? 0), 0), 0)
  );
}
