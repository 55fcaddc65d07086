// The Enricher plugin contract. An ingest enricher transforms an AssetDraft (metadata of one discovered
// file) into a new one; a playout enricher decorates a PlayoutPlan (how content airs, never what).
import type { AudioStream, Chapter, SubtitleTrack, VideoStream } from '../media/media-types.js';
import type { SidecarFile } from '../media/sidecar-subtitles.js';
import type { PlaylogEvent } from './playlog-event.js';
import type { PlayoutPlan } from './playout-plan.js';
import type { PluginDescriptor } from './plugin.js';

/** An Asset being built during ingest; Core decides its state from what the enrichers filled in. */
export interface AssetDraft {
  readonly path: string;
  readonly relativePath: string;
  readonly providerKey: string;
  /** The source's version of the item (see DiscoveredItem.version). */
  readonly providerVersion?: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** Set when the file cannot be played; the asset becomes `invalid` with this reason. */
  readonly invalidReason?: string;
  readonly durationMs?: number;
  readonly container?: string;
  readonly video?: VideoStream;
  readonly audio: readonly AudioStream[];
  /** Embedded tracks (from the probe) and sidecar files' tracks (from ingest), in that order. */
  readonly subtitles: readonly SubtitleTrack[];
  /** The sidecar files the importer found beside the file: kept with the asset to notice when they change. */
  readonly sidecars: readonly SidecarFile[];
  readonly chapters: readonly Chapter[];
  readonly kind: string;
  readonly title: string;
  readonly series?: string;
  readonly season?: number;
  readonly episode?: number;
  readonly year?: number;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface EnrichContext {
  readonly signal?: AbortSignal;
}

export interface IngestEnricher<Config = Record<string, unknown>> extends PluginDescriptor {
  readonly kind: 'ingest';
  enrich(draft: AssetDraft, config: Config, context: EnrichContext): Promise<AssetDraft>;
}

export interface PlayoutEnricherContext {
  /** The instant the plan is decorated for (epoch ms). */
  readonly nowMs: number;
  /** The channel's PlaylogEvents from the plan's start to a while past its end (what comes next), in order. */
  readonly playlog: readonly PlaylogEvent[];
}

export interface PlayoutEnricher<Config = Record<string, unknown>> extends PluginDescriptor {
  readonly kind: 'playout';
  /** A new plan: typically the same segments with directives added (a bug, a lower third, a look). */
  decorate(plan: PlayoutPlan, config: Config, context: PlayoutEnricherContext): PlayoutPlan | Promise<PlayoutPlan>;
}

export type Enricher<Config = any> = IngestEnricher<Config> | PlayoutEnricher<Config>;

/**
 * The one place an enricher's kind is told apart: every arm must be given, and a new kind fails to compile
 * until each caller handles it.
 * @example matchEnricher(plugin, { ingest: () => 'runs at ingest', playout: () => 'decorates plans' })
 */
export function matchEnricher<R>(enricher: Enricher, arms: { ingest(e: IngestEnricher<any>): R; playout(e: PlayoutEnricher<any>): R }): R {
  switch (enricher.kind) {
    case 'ingest':
      return arms.ingest(enricher);
    case 'playout':
      return arms.playout(enricher);
    default:
      return unknownKind(enricher);
  }
}

function unknownKind(enricher: never): never {
  throw new Error(`unknown enricher kind ${JSON.stringify((enricher as { kind: unknown }).kind)}`);
}
