// CLI contract tests for `retrovue enricher update` (contracts/enricher/update.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the enricher and exit 0; an unknown id MUST exit 1 naming it.");
test.todo("B-2: A config that breaks the type's schema MUST be refused with exit 1 and leave the enricher unchanged.");
