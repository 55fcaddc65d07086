// CLI contract tests for `retrovue enricher list` (contracts/enricher/list.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST print every enricher ordered by id, the built-in ffprobe and filename included, and exit 0.");
