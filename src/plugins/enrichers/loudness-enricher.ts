// The loudness ingest enricher: EBU R 128 integrated loudness and true peak of every audio track, measured
// once so playout can bring each segment to its channel's target. Runs after ffprobe (it reads draft.audio).
// A measurement that fails or times out never makes the asset invalid: the file plays, at its own level.
import type { IngestEnricher } from '../enricher.js';

export interface LoudnessConfig {
  readonly timeout_ms?: number;
  readonly path?: string;
}

/** The metadata key that says why a playable file's loudness is unknown (the enricher API has no warnings). */
export const LOUDNESS_UNMEASURED_KEY = 'loudness_unmeasured';

export const loudnessEnricher: IngestEnricher<LoudnessConfig> = {
  type: 'loudness',
  kind: 'ingest',
  description: 'Measures the EBU R 128 loudness and true peak of each audio track (attach after ffprobe), so playout can even out levels.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeout_ms: { type: 'integer', minimum: 1000, maximum: 3600000, description: 'Give up on one file after this long (its loudness stays unknown).' },
      path: { type: 'string', minLength: 1, description: 'The ffmpeg to run (default: ffmpeg on PATH).' },
    },
  },

  async enrich(draft, config, context) {
    if (draft.invalidReason !== undefined || draft.audio.length === 0) return draft;
    // Loaded on first use, like ffprobe: every command registers the built-in plugins, few of them measure.
    const { measureLoudness } = await import('../../media/loudness-measure.js');
    const outcome = await measureLoudness(draft.path, draft.audio.length, {
      timeoutMs: config.timeout_ms ?? 600_000,
      ...(config.path ? { ffmpegPath: config.path } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const { [LOUDNESS_UNMEASURED_KEY]: _stale, ...metadata } = draft.metadata;
    if (!outcome.ok) return { ...draft, metadata: { ...metadata, [LOUDNESS_UNMEASURED_KEY]: outcome.reason } };
    const audio = draft.audio.map((stream, n) => {
      const { loudness: _old, ...rest } = stream;
      const measured = outcome.tracks[n];
      return measured === undefined ? rest : { ...rest, loudness: measured };
    });
    return { ...draft, audio, metadata };
  },
};
