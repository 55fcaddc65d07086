// data contract tests for `retrovue source show` (contracts/source/show.yaml).
import { test } from 'node:test';

test.todo("D-1: The shown collections MUST be exactly the source's persisted collections, with their asset counts by state.");
