// CLI contract tests for `retrovue channel remove` (contracts/channel/remove.yaml).
import { test } from 'node:test';

test.todo("B-1: With --force the command MUST remove the channel, print it, and exit 0.");
test.todo("B-2: Without --force and without a TTY the command MUST refuse with exit 1 and remove nothing.");
test.todo("B-3: On a TTY without --force the command MUST ask y/N and remove only on an explicit yes.");
test.todo("B-4: An unknown id MUST exit 1 with a one-line message naming the id.");
test.todo("B-5: With --dry-run the command MUST report the channel it would remove and MUST NOT remove it.");
