// The interstitials a channel's avails are filled from: the collections an operator assigned, by role.
import type { CatalogAsset } from '../../catalog/catalog-snapshot.js';

export type InterstitialRole = 'bumper' | 'commercial' | 'station-id';
export const interstitialRoles: readonly InterstitialRole[] = ['bumper', 'commercial', 'station-id'];

/** Eligible interstitial assets of a channel, by role (from the collections the operator assigned). */
export interface InterstitialPool {
  readonly bumpers: readonly CatalogAsset[];
  readonly commercials: readonly CatalogAsset[];
  readonly stationIds: readonly CatalogAsset[];
}

export const emptyInterstitialPool: InterstitialPool = { bumpers: [], commercials: [], stationIds: [] };
