// The Enricher plugin contract. An ingest enricher transforms an AssetDraft (metadata of one discovered
// file) into a new one; playout enrichers (decorating a PlayoutPlan) arrive with the playout layer.
import type { AudioInfo, ChapterMark, VideoInfo } from '../db/schema.js';
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
  readonly video?: VideoInfo;
  readonly audio: readonly AudioInfo[];
  readonly chapters: readonly ChapterMark[];
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

export type Enricher<Config = any> = IngestEnricher<Config>;
