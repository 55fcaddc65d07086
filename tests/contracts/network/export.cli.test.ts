// CLI contract tests for `retrovue network export` (contracts/network/export.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST write the network file to --out (replaced atomically, as channel export does) or stdout and exit 0; the file MUST validate against generated/network.schema.json.");
test.todo("B-2: An unwritable --out, or --json without --out, MUST exit 1 with one line naming it.");
