// CLI contract tests for `retrovue channel list` (contracts/channel/list.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print every channel and exit 0; with --json the document MUST match the output schema.");
test.todo("B-2: An empty catalog MUST print an empty list (text mode says there are no channels) and exit 0.");
test.todo("B-3: With --enabled-only the command MUST omit disabled channels.");
