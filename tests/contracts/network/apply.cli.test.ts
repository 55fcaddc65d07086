// CLI contract tests for `retrovue network apply` (contracts/network/apply.yaml).
import { test } from 'node:test';

test.todo("B-1: A valid file MUST be applied and the command MUST print one line per created, updated or removed object with the fields that change (as JSON matching the output schema with --json) and exit 0.");
test.todo("B-2: A second apply of the same file MUST change nothing, print that nothing changed, and exit 0.");
test.todo("B-3: A file that is not YAML, does not match the network file's schema, or declares one object twice MUST exit 1 with one line per problem naming file:line:column and the object, and nothing MUST be written.");
test.todo("B-4: When any declared object is refused by its command's rules (an unknown reference, a bad grid, an unknown time zone…), the command MUST exit 1 with one line naming file:line:column, the object and the reason, and nothing MUST be written (one transaction).");
test.todo("B-5: --dry-run MUST print exactly the changes a real apply would make and MUST NOT change anything.");
test.todo("B-6: --prune MUST remove what the file does not declare, dependents first, under the remove commands' rules: an object that built schedule days hold is refused without --force; without --prune, undeclared objects MUST be kept and listed as kept.");
test.todo("B-7: -f - MUST read the file from standard input; a missing or unreadable file MUST exit 1 naming it.");
test.todo("B-8: --then-build MUST, after the apply has committed, ingest the file's ingest-enabled collections and advance its channels' horizons, reporting each; a failure there MUST exit 2 and leave the apply in place.");
