// data contract tests for `retrovue channel show` (contracts/channel/show.yaml).
import { test } from 'node:test';

test.todo("D-1: The shown channel MUST equal the persisted row, field for field.");
