// Runs a channel's playout enrichers over a base plan, in order. An enricher changes how content looks,
// never what airs: one that alters the segments (or throws) fails the plan with a clear error.
import { isDeepStrictEqual } from 'node:util';
import { RetroVueError } from '../core/errors.js';
import { matchEnricher, type PlayoutEnricherContext } from '../plugins/enricher.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { runPlugin } from '../plugins/run-plugin.js';
import type { AttachedPlayoutEnricher } from '../catalog/channel-enricher-repository.js';

export async function decoratePlan(
  plan: PlayoutPlan, chain: readonly AttachedPlayoutEnricher[], plugins: PluginRegistries, context: PlayoutEnricherContext,
): Promise<PlayoutPlan> {
  let decorated = plan;
  for (const attached of chain) {
    const plugin = matchEnricher(plugins.enrichers.get(attached.type), {
      ingest: () => {
        throw new RetroVueError('invalid_input', `channel ${plan.channelId} has ingest enricher ${attached.id} attached; only playout enrichers decorate plans`);
      },
      playout: (e) => e,
    });
    const before = decorated;
    const after = await runPlugin('enricher', attached.id, `the plan of channel ${plan.channelId}`, () => plugin.decorate(before, attached.config, context));
    if (!isDeepStrictEqual(after.segments, before.segments) || after.channelId !== before.channelId || !isDeepStrictEqual(after.profile, before.profile)) {
      throw new RetroVueError('plugin_failed', `enricher ${attached.id} (${attached.type}) changed what airs on channel ${plan.channelId}; a playout enricher may only add directives`);
    }
    decorated = after;
  }
  return decorated;
}
