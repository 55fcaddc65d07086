// data contract tests for `retrovue collection attach-enricher` (contracts/collection/attach-enricher.yaml).
import { test } from 'node:test';

test.todo("D-1: The enricher MUST be inserted at the given position (default last), the others keeping their relative order.");
