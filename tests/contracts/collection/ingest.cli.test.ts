// CLI contract tests for `retrovue collection ingest` (contracts/collection/ingest.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print a summary (new, updated, unchanged, invalid, missing, total) in text and the same as JSON with --json, and exit 0.");
test.todo("B-2: A collection whose ingest is disabled MUST be refused with exit 1 and a message saying how to enable it.");
test.todo("B-3: A collection whose (mapped) path is unreachable MUST exit 3 with a one-line message naming the path.");
test.todo("B-4: A --path outside the collection MUST be refused with exit 1, and an unknown collection MUST exit 1 naming it.");
test.todo("B-5: With --dry-run the command MUST report what it would add, re-probe and mark missing, and MUST NOT write anything.");
test.todo("B-6: An interrupt (SIGINT) MUST stop the ingest with exit 2, keeping every asset already finished.");
test.todo("B-7: An ingest enricher that throws MUST fail the command with exit 1 and a message naming the enricher and the file.");
test.todo("B-8: On a terminal the command MUST show progress on stderr; without one, stderr MUST carry no progress output.");
