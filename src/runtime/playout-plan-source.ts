// The runtime's plan source on the playout layer: the channel's producer and playout enrichers build the
// plan at now (buildPlayoutPlanAt); an unknown channel answers 404, a schedule gap 503, a plugin failure 500.
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { buildPlayoutPlanAt } from '../playout/playout-plan-builder.js';
import type { DbGate } from './db-gate.js';
import { type PlanSource, TuneFailure } from './plan-source.js';

export function playoutPlanSource(gate: DbGate, plugins: PluginRegistries): PlanSource {
  return async (channelId, atMs) => {
    const built = await gate.run((db) => buildPlayoutPlanAt(db, plugins, channelId, atMs));
    switch (built.kind) {
      case 'plan':
        return built.plan;
      case 'unknown-channel':
        throw new TuneFailure(404, 'unknown_channel', built.message);
      case 'gap':
        throw new TuneFailure(503, 'nothing_on_air', built.message);
    }
  };
}
