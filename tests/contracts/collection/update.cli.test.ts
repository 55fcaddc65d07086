// CLI contract tests for `retrovue collection update` (contracts/collection/update.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the collection and the changed fields and exit 0.");
test.todo("B-2: A mapping not of the form REMOTE=LOCAL with two absolute paths MUST be refused with exit 1 naming the mapping.");
test.todo("B-3: With --dry-run the command MUST report the collection as it would become and MUST NOT persist it.");
test.todo("B-4: An unknown collection MUST exit 1 with a one-line message naming it.");
