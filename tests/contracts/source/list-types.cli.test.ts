// CLI contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST list every registered importer type with its description and config schema, and exit 0.");
