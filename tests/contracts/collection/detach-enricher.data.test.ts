// data contract tests for `retrovue collection detach-enricher` (contracts/collection/detach-enricher.yaml).
import { test } from 'node:test';

test.todo("D-1: The remaining enrichers MUST keep their relative order, renumbered without gaps, and the enricher itself MUST remain defined.");
