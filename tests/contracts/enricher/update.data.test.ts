// data contract tests for `retrovue enricher update` (contracts/enricher/update.yaml).
import { test } from 'node:test';

test.todo("D-1: The new config MUST be persisted and the enricher MUST stay attached where it was.");
