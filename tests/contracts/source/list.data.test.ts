// data contract tests for `retrovue source list` (contracts/source/list.yaml).
import { test } from 'node:test';

test.todo("D-1: Each listed source MUST carry the number of its collections as persisted.");
