// CLI contract tests for `retrovue enricher remove` (contracts/enricher/remove.yaml).
import { test } from 'node:test';

test.todo("B-1: With --force the command MUST remove the enricher and exit 0; without --force and without a TTY it MUST refuse with exit 1.");
test.todo("B-2: An enricher still attached to a collection MUST be refused with exit 1 naming the collections, even with --force.");
