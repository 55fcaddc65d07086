// data contract tests for `retrovue asset update` (contracts/asset/update.yaml).
import { test } from 'node:test';

test.todo("D-1: The given fields MUST be persisted and remembered as operator-set, so a later re-ingest of a changed file keeps them.");
