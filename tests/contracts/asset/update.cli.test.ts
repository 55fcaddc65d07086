// CLI contract tests for `retrovue asset update` (contracts/asset/update.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the asset and the changed fields and exit 0.");
test.todo("B-2: An unknown asset or an empty title MUST exit 1 with a one-line message.");
test.todo("B-3: With --dry-run the command MUST report the asset as it would become and MUST NOT persist it.");
