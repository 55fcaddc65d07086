// CLI contract tests for `retrovue collection show` (contracts/collection/show.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the collection, found by <source>/<name> or by id, and exit 0.");
test.todo("B-2: An unknown collection MUST exit 1 with a one-line message naming it.");
