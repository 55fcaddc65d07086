// The `bug` playout enricher: the channel's logo in a corner of the picture, all the time.
import type { PlayoutEnricher } from '../enricher.js';
import type { Corner } from '../playout-plan.js';

export interface BugConfig {
  /** Absolute path of the logo image (PNG with alpha works best). */
  readonly image: string;
  readonly corner?: Corner;
  /** 0 (invisible) to 1 (opaque); default 0.8. */
  readonly opacity?: number;
  /** Distance from the picture's edges in pixels; default 16. */
  readonly margin_px?: number;
}

export const bugEnricher: PlayoutEnricher<BugConfig> = {
  type: 'bug',
  kind: 'playout',
  description: 'Shows a logo image in a corner of the picture (the channel bug)',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['image'],
    properties: {
      image: { type: 'string', pattern: '^/', description: 'absolute path of the logo image' },
      corner: { type: 'string', enum: ['top-left', 'top-right', 'bottom-left', 'bottom-right'] },
      opacity: { type: 'number', minimum: 0, maximum: 1 },
      margin_px: { type: 'integer', minimum: 0, maximum: 500 },
    },
  },
  decorate(plan, config) {
    const bug = { kind: 'image-overlay', imagePath: config.image, corner: config.corner ?? 'top-right', opacity: config.opacity ?? 0.8, marginPx: config.margin_px ?? 16 } as const;
    return { ...plan, directives: [...plan.directives, bug] };
  },
};
