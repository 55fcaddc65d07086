// data contract tests for `retrovue channel list` (contracts/channel/list.yaml).
import { test } from 'node:test';

test.todo("D-1: Channels MUST be ordered by dial number numerically (2 before 10, 7 before 7.1 before 7.2).");
test.todo("D-2: Listing MUST NOT write to the database.");
