// data contract tests for `retrovue enricher remove` (contracts/enricher/remove.yaml).
import { test } from 'node:test';

test.todo("D-1: A removed enricher MUST no longer be persisted; a refused removal MUST change nothing.");
