// CLI contract tests for `retrovue collection detach-enricher` (contracts/collection/detach-enricher.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the collection with its remaining enrichers and exit 0.");
test.todo("B-2: An enricher that is not attached MUST be refused with exit 1 naming it.");
