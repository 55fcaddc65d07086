// data contract tests for `retrovue source remove` (contracts/source/remove.yaml).
import { test } from 'node:test';

test.todo("D-1: Removing a source MUST remove its collections, assets and provider refs and MUST leave every other source's untouched.");
test.todo("D-2: While any asset of the source is referenced from outside the catalog (a schedule), removal MUST be refused even with --force, naming what references it, and nothing MUST be removed.");
