// CLI contract tests for `retrovue collection attach-enricher` (contracts/collection/attach-enricher.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the collection with its enrichers in their new order and exit 0.");
test.todo("B-2: An unknown enricher, a playout enricher or one already attached MUST be refused with exit 1 naming it.");
