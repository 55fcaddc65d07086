// CLI contract tests for `retrovue runtime nodes` (contracts/runtime/nodes.yaml).
import { test } from 'node:test';

test.todo("B-1: On a Postgres server the command MUST list every live node (heartbeat within 10 s) oldest first with its id, name, advertised URL, start time, heartbeat age and the channels whose ownership lock it holds, and exit 0; with --json the document MUST match the output schema.");
test.todo("B-2: On embedded PGlite the command MUST answer an empty list (database embedded; the text says a single node serves it and nothing registers) and exit 0.");
