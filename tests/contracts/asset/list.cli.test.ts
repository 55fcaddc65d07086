// CLI contract tests for `retrovue asset list` (contracts/asset/list.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the matching assets ordered by series, season, episode then path, and exit 0.");
test.todo("B-2: An unknown --collection MUST exit 1 naming it; a --state outside new, ready, invalid, missing MUST exit 1 naming the allowed states.");
