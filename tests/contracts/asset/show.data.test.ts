// data contract tests for `retrovue asset show` (contracts/asset/show.yaml).
import { test } from 'node:test';

test.todo("D-1: The shown asset MUST equal the persisted asset, including its provider ref.");
