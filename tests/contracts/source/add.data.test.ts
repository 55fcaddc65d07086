// data contract tests for `retrovue source add` (contracts/source/add.yaml).
import { test } from 'node:test';

test.todo("D-1: The source MUST be persisted with its type and normalised config (a filesystem base path stored absolute).");
test.todo("D-2: Source names MUST be unique; a duplicate MUST leave the existing source unchanged.");
test.todo("D-3: Adding a source MUST NOT create any collection or asset (discovery is a separate operator step).");
