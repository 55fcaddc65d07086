// The ffprobe ingest enricher: exact duration, container, streams and chapter marks (breakpoints).
// A file ffprobe cannot read becomes invalid with ffprobe's reason.
import type { IngestEnricher } from '../enricher.js';

export interface FfprobeConfig {
  readonly timeout_ms?: number;
  readonly path?: string;
}

export const ffprobeEnricher: IngestEnricher<FfprobeConfig> = {
  type: 'ffprobe',
  kind: 'ingest',
  description: 'Probes each file with ffprobe: exact duration (ms), container, video, audio and subtitle streams, chapter marks.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeout_ms: { type: 'integer', minimum: 1000, maximum: 600000, description: 'Give up on one file after this long.' },
      path: { type: 'string', minLength: 1, description: 'The ffprobe to run (default: ffprobe on PATH).' },
    },
  },

  async enrich(draft, config, context) {
    if (draft.invalidReason !== undefined) return draft;
    // Loaded on first use: every command starts with the built-in plugins registered, few of them probe.
    const { probeMedia } = await import('../../media/ffprobe.js');
    const outcome = await probeMedia(draft.path, {
      timeoutMs: config.timeout_ms ?? 30_000,
      ...(config.path ? { ffprobePath: config.path } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (!outcome.ok) return { ...draft, invalidReason: outcome.reason };
    const { media } = outcome;
    return {
      ...draft,
      durationMs: media.durationMs,
      container: media.container,
      ...(media.video ? { video: media.video } : {}),
      audio: media.audio,
      // The file's own tracks replace those of an earlier probe; the sidecars' stay after them.
      subtitles: [...media.subtitles, ...draft.subtitles.filter((t) => t.source.kind === 'external')],
      chapters: media.chapters,
    };
  },
};
