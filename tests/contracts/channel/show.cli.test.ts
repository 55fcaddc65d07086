// CLI contract tests for `retrovue channel show` (contracts/channel/show.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the channel with every grid field and exit 0.");
test.todo("B-2: An unknown id MUST exit 1 with a one-line message naming the id.");
