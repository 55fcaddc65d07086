// CLI contract tests for `retrovue collection list` (contracts/collection/list.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print every collection ordered by reference and exit 0; --source MUST restrict the list to that source.");
test.todo("B-2: An unknown --source MUST exit 1 with a one-line message naming it.");
