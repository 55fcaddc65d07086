// data contract tests for `retrovue enricher list` (contracts/enricher/list.yaml).
import { test } from 'node:test';

test.todo("D-1: Each enricher MUST list the collections it is attached to, as persisted.");
