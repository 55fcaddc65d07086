// CLI contract tests for `retrovue enricher add` (contracts/enricher/add.yaml).
import { test } from 'node:test';

test.todo("B-1: On success the command MUST print the enricher and exit 0.");
test.todo("B-2: An unknown type MUST be refused with exit 1 listing the known types; a config that is not JSON or breaks the type's schema MUST be refused with exit 1 naming the problem.");
