// CLI contract tests for `retrovue db status` (contracts/db/status.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the dialect, the location and every known migration with its applied time, and exit 0.");
test.todo("B-2: The location MUST NOT reveal a server password.");
test.todo("B-3: A second process opening an embedded database that is already open MUST get a one-line error naming the holder and exit 1.");
