// The Asset state rule: what an ingest found decides whether an asset can be scheduled.
import type { AssetState } from '../db/schema.js';
import type { AssetDraft } from '../plugins/enricher.js';

/** invalid if an enricher said so; ready only with a probed duration (schedules are built on it); else new. */
export function stateOf(draft: AssetDraft): AssetState {
  if (draft.invalidReason !== undefined) return 'invalid';
  return draft.durationMs !== undefined ? 'ready' : 'new';
}
