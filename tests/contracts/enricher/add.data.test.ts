// data contract tests for `retrovue enricher add` (contracts/enricher/add.yaml).
import { test } from 'node:test';

test.todo("D-1: The enricher MUST be persisted with its type, kind and config; a taken id MUST leave the existing enricher unchanged.");
