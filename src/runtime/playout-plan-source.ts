// The runtime's plan source on the playout layer: the channel's producer and playout enrichers build the
// plan at now (buildPlayoutPlanAt), whose answer (a plan, an unknown or disabled channel, a gap) is passed
// on as is; plan-source.ts turns a refusal into the viewer's status.
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { buildPlayoutPlanAt } from '../playout/playout-plan-builder.js';
import type { DbGate } from './db-gate.js';
import type { PlanSource } from './plan-source.js';

export function playoutPlanSource(gate: DbGate, plugins: PluginRegistries): PlanSource {
  return (channelId, atMs) => gate.run((db) => buildPlayoutPlanAt(db, plugins, channelId, atMs));
}
