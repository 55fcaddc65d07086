// data contract tests for `retrovue channel update` (contracts/channel/update.yaml).
import { test } from 'node:test';

test.todo("D-1: Only the given fields MUST change; every other field, and the id, MUST keep its value.");
test.todo("D-2: Offsets MUST be re-checked against the resulting grid-block-minutes, whether either or both changed.");
test.todo("D-3: A number already used by another channel MUST be refused and leave both channels unchanged.");
