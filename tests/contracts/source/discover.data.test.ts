// data contract tests for `retrovue source discover` (contracts/source/discover.yaml).
import { test } from 'node:test';

test.todo("D-1: Every new collection MUST be persisted with ingest disabled and the built-in ingest enrichers (ffprobe, then filename) attached in order.");
test.todo("D-2: Discovering again MUST NOT duplicate collections nor change existing ones (their ingest flag, mappings and enrichers are kept).");
test.todo("D-3: The filesystem importer MUST report the base directory itself and each directory directly under it, ignoring hidden directories and symlinks that escape the base path.");
