// data contract tests for `retrovue source update` (contracts/source/update.yaml).
import { test } from 'node:test';

test.todo("D-1: Only the given fields MUST change; the source id, its collections and assets MUST be kept.");
test.todo("D-2: A changed base path MUST be re-validated and stored absolute, and each collection's source path MUST follow it.");
