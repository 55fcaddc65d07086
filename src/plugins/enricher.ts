// The Enricher plugin contract. An ingest enricher transforms an AssetDraft (metadata of one discovered
// file) into a new one; a playout enricher decorates a PlayoutPlan (how content airs, never what).
import type { AudioStream, Chapter, VideoStream } from '../media/media-types.js';
import type { PlayoutPlan } from './playout-plan.js';
import type { PluginDescriptor } from './plugin.js';

/** An Asset being built during ingest; Core decides its state from what the enrichers filled in. */
export interface AssetDraft {
  readonly path: string;
  readonly relativePath: string;
  readonly providerKey: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** Set when the file cannot be played; the asset becomes `invalid` with this reason. */
  readonly invalidReason?: string;
  readonly durationMs?: number;
  readonly container?: string;
  readonly video?: VideoStream;
  readonly audio: readonly AudioStream[];
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
}

export interface PlayoutEnricher<Config = Record<string, unknown>> extends PluginDescriptor {
  readonly kind: 'playout';
  /** A new plan: typically the same segments with directives added (a bug, a lower third, a look). */
  decorate(plan: PlayoutPlan, config: Config, context: PlayoutEnricherContext): PlayoutPlan | Promise<PlayoutPlan>;
}

export type Enricher<Config = any> = IngestEnricher<Config> | PlayoutEnricher<Config>;
