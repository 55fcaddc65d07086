// CLI contract tests for `retrovue source remove` (contracts/source/remove.yaml).
import { test } from 'node:test';

test.todo("B-1: With --force the command MUST remove the source and report how many collections and assets went with it.");
test.todo("B-2: Without --force and without a TTY the command MUST refuse with exit 1 and remove nothing.");
test.todo("B-3: With --dry-run the command MUST report what it would remove and MUST NOT remove it.");
test.todo("B-4: An unknown source MUST exit 1 with a one-line message naming it.");
