// CLI contract tests for `retrovue source list` (contracts/source/list.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print every source ordered by name and exit 0; an empty catalog MUST print an empty list.");
