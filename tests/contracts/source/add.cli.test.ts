// CLI contract tests for `retrovue source add` (contracts/source/add.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the created source and exit 0.");
test.todo("B-2: An unknown importer type MUST be refused with exit 1 and a message listing the known types.");
test.todo("B-3: A config that breaks the importer's config schema, or a filesystem base path that does not exist or is not a directory, MUST be refused with exit 1 naming the problem.");
test.todo("B-4: With --dry-run the command MUST report the source it would create and MUST NOT persist it.");
