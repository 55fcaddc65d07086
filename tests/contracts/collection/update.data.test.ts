// data contract tests for `retrovue collection update` (contracts/collection/update.yaml).
import { test } from 'node:test';

test.todo("D-1: The ingest flag and the mappings MUST be persisted as given; fields not given MUST keep their values.");
test.todo("D-2: Mappings MUST be stored without duplicates of the same remote prefix, and resolution MUST pick the longest matching remote prefix.");
