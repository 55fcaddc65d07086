// CLI contract tests for `retrovue asset show` (contracts/asset/show.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print the asset and exit 0; an unknown or malformed id MUST exit 1 naming it.");
