// CLI contract tests for `retrovue db migrate` (contracts/db/migrate.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST apply every pending migration, print their names and exit 0.");
test.todo("B-2: On an up-to-date database the command MUST apply nothing and exit 0.");
test.todo("B-3: With --dry-run the command MUST list the pending migrations and MUST NOT apply them.");
test.todo("B-4: An unreachable database server MUST exit 3 with a one-line message naming the server.");
