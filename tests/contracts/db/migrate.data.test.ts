// data contract tests for `retrovue db migrate` (contracts/db/migrate.yaml).
import { test } from 'node:test';

test.todo("D-1: After the command every known migration MUST be recorded as applied, in order.");
