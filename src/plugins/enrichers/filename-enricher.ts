// The filename ingest enricher: series, season, episode, year and title from common naming schemes.
import { parseMediaFilename } from '../../media/filename-parser.js';
import type { IngestEnricher } from '../enricher.js';

export const filenameEnricher: IngestEnricher<Record<string, never>> = {
  type: 'filename',
  kind: 'ingest',
  description: 'Parses series, season, episode, year and title from names like "Show - S01E02 - Title.mkv" or "Movie (1987).mp4".',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },

  async enrich(draft) {
    const parsed = parseMediaFilename(draft.relativePath);
    return {
      ...draft,
      kind: parsed.kind === 'unknown' ? draft.kind : parsed.kind,
      title: parsed.title ?? draft.title,
      ...(parsed.series !== undefined ? { series: parsed.series } : {}),
      ...(parsed.season !== undefined ? { season: parsed.season } : {}),
      ...(parsed.episode !== undefined ? { episode: parsed.episode } : {}),
      ...(parsed.year !== undefined ? { year: parsed.year } : {}),
    };
  },
};
