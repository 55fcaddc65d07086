// data contract tests for `retrovue asset list` (contracts/asset/list.yaml).
import { test } from 'node:test';

test.todo("D-1: Every filter MUST narrow the result (filters combine with AND) and total MUST count all matches before --limit.");
