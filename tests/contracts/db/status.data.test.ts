// data contract tests for `retrovue db status` (contracts/db/status.yaml).
import { test } from 'node:test';

test.todo("D-1: The command MUST NOT apply migrations or write anything.");
