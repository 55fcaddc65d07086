// data contract tests for `retrovue enricher list-types` (contracts/enricher/list-types.yaml).
import { test } from 'node:test';

test.todo("D-1: The listed types MUST be exactly the enrichers registered in the enricher registry.");
