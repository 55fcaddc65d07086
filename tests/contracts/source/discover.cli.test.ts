// CLI contract tests for `retrovue source discover` (contracts/source/discover.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print every collection the importer reports, each marked new or existing, plus persisted ones the importer no longer reports marked gone, and exit 0.");
test.todo("B-2: A source whose base path is unreachable MUST exit 3 with a one-line message naming the path.");
test.todo("B-3: With --dry-run the command MUST report what it would record and MUST NOT persist it.");
