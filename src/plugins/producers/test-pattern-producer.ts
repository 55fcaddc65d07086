// The `test-pattern` producer: synthetic media for the whole plan, whatever the playlog says (a channel
// being set up, or off air on purpose). Its segment realises no PlaylogEvent.
import { syntheticKinds, type SyntheticKind } from '../playlog-event.js';
import { outputProfileNames } from '../output-profiles.js';
import type { Producer } from '../producer.js';
import { profileNamed } from './schedule-producer.js';

export interface TestPatternProducerConfig {
  readonly profile?: string;
  /** What airs (default color-bars). */
  readonly picture?: SyntheticKind;
  /** A caption drawn on the picture. */
  readonly text?: string;
}

export const testPatternProducer: Producer<TestPatternProducerConfig> = {
  type: 'test-pattern',
  description: 'Airs a test pattern (colour bars, test card, slate or station id) regardless of the playlog',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      profile: { type: 'string', enum: [...outputProfileNames] },
      picture: { type: 'string', enum: [...syntheticKinds] },
      text: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  profileOf: (config) => profileNamed(config.profile),
  produce(input, config) {
    const picture = config.picture ?? 'color-bars';
    return {
      channelId: input.channelId,
      profile: input.profile,
      segments: [{
        source: { kind: 'synthetic', synthetic: picture, ...(config.text === undefined ? {} : { text: config.text }) },
        inPointMs: 0,
        durationMs: input.untilMs - input.atMs,
        startsAtMs: input.atMs,
        playlogEventId: null,
        title: config.text ?? `Test pattern (${picture})`,
        transitionIn: { kind: 'cut' },
      }],
      directives: [],
      builtAtMs: input.atMs,
    };
  },
};
