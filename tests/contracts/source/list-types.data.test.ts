// data contract tests for `retrovue source list-types` (contracts/source/list-types.yaml).
import { test } from 'node:test';

test.todo("D-1: The listed types MUST be exactly the importers registered in the importer registry.");
