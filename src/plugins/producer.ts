// The Producer plugin contract: builds the base PlayoutPlan for "now" from PlaylogEvents. The playout
// layer defines the plan types; the registry exists now so plugins of every kind register the same way.
import type { PluginDescriptor } from './plugin.js';

export interface Producer<Input = unknown, Plan = unknown> extends PluginDescriptor {
  produce(input: Input, nowMs: number): Plan;
}
