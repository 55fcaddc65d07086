// data contract tests for `retrovue channel remove` (contracts/channel/remove.yaml).
import { test } from 'node:test';

test.todo("D-1: A removed channel MUST no longer be persisted, and every other channel MUST be unchanged.");
