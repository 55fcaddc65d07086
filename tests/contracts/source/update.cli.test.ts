// CLI contract tests for `retrovue source update` (contracts/source/update.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the source and the changed fields and exit 0.");
test.todo("B-2: An unknown source, a taken name or a config the importer refuses MUST exit 1 with a one-line message.");
test.todo("B-3: With --dry-run the command MUST report the source as it would become and MUST NOT persist it.");
