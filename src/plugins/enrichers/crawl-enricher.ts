// The `crawl` playout enricher: an emergency ticker scrolling along the bottom of the picture. An operator
// switches it on by giving it text and an expiry (retrovue enricher update <id> --config …) and off by
// removing the text; past its expiry it shows nothing.
import type { PlayoutEnricher } from '../enricher.js';

export interface CrawlConfig {
  /** The ticker's text; absent: the crawl is off. */
  readonly text?: string;
  /** ISO 8601 instant the crawl stops showing, e.g. 2026-11-24T18:00:00Z; absent: until switched off. */
  readonly until?: string;
  readonly speed_px_per_second?: number;
}

const isoInstant = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';

export const crawlEnricher: PlayoutEnricher<CrawlConfig> = {
  type: 'crawl',
  kind: 'playout',
  description: 'Scrolls an operator-set emergency ticker across the bottom of the picture until it expires',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 500 },
      until: { type: 'string', pattern: isoInstant, description: 'ISO 8601 instant with a zone, e.g. 2026-11-24T18:00:00Z' },
      speed_px_per_second: { type: 'integer', minimum: 1, maximum: 2000 },
    },
  },
  decorate(plan, config, context) {
    if (config.text === undefined) return plan;
    const untilMs = config.until === undefined ? undefined : Date.parse(config.until);
    if (untilMs !== undefined && (Number.isNaN(untilMs) || untilMs <= context.nowMs)) return plan;
    const crawl = { kind: 'crawl', text: config.text, speedPxPerSecond: config.speed_px_per_second ?? 80, ...(untilMs === undefined ? {} : { toMs: untilMs }) } as const;
    return { ...plan, directives: [...plan.directives, crawl] };
  },
};
