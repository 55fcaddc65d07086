// data contract tests for `retrovue collection list` (contracts/collection/list.yaml).
import { test } from 'node:test';

test.todo("D-1: Each listed collection MUST carry its persisted ingest flag, mappings, attached enrichers in order and asset counts by state.");
