// CLI contract tests for `retrovue channel update` (contracts/channel/update.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the updated channel and the list of changed fields, and exit 0.");
test.todo("B-2: An unknown id MUST exit 1 with a one-line message naming the id.");
test.todo("B-3: With --dry-run the command MUST report the channel as it would become and MUST NOT persist it.");
test.todo("B-4: A value that breaks the grid (a block that does not divide 1440, an offset outside the new block) MUST be refused with exit 1 naming the field.");
