// data contract tests for `retrovue collection show` (contracts/collection/show.yaml).
import { test } from 'node:test';

test.todo("D-1: The shown asset counts MUST equal the persisted assets of the collection by state.");
