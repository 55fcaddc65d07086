// CLI contract tests for `retrovue source show` (contracts/source/show.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the source and its collections and exit 0, finding the source by name or by id.");
test.todo("B-2: An unknown source MUST exit 1 with a one-line message naming it.");
