// The `vhs` playout enricher: the look of a worn tape (noise, chroma shift, soft blur, scanlines).
import type { PlayoutEnricher } from '../enricher.js';

export interface VhsConfig {
  readonly noise?: number;
  readonly chroma_shift_px?: number;
  readonly blur?: number;
  readonly scanlines?: boolean;
}

export const vhsEnricher: PlayoutEnricher<VhsConfig> = {
  type: 'vhs',
  kind: 'playout',
  description: 'Gives the picture a VHS look: noise, chroma shift, soft blur and scanlines',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      noise: { type: 'number', minimum: 0, maximum: 100 },
      chroma_shift_px: { type: 'number', minimum: 0, maximum: 64 },
      blur: { type: 'number', minimum: 0, maximum: 20 },
      scanlines: { type: 'boolean' },
    },
  },
  decorate(plan, config) {
    const look = { kind: 'vhs', noise: config.noise ?? 20, chromaShiftPx: config.chroma_shift_px ?? 2, blur: config.blur ?? 1, scanlines: config.scanlines ?? true } as const;
    return { ...plan, directives: [...plan.directives, look] };
  },
};
