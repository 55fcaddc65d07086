// CLI contract tests for `retrovue enricher list-types` (contracts/enricher/list-types.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST list every registered enricher type with its kind, description and config schema, and exit 0.");
