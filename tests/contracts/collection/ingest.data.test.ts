// data contract tests for `retrovue collection ingest` (contracts/collection/ingest.yaml).
import { test } from 'node:test';

test.todo("D-1: Every media file MUST become an asset with its provider ref; a probed, enriched file MUST be ready with its exact duration in ms, streams and chapters, and parsed series, season, episode, year and title.");
test.todo("D-2: Zero-length, truncated, unreadable and non-media files MUST become invalid assets with a reason, and the ingest MUST go on.");
test.todo("D-3: A second ingest of an unchanged collection MUST write nothing.");
test.todo("D-4: A changed file MUST be re-probed in place (same asset id), keeping fields the operator set; a vanished file MUST become missing, never deleted; a file that comes back MUST be re-probed.");
test.todo("D-5: Assets MUST be committed in atomic batches, so an interrupted ingest leaves no half-written asset.");
test.todo("D-6: Enrichers MUST run in the collection's attached order, and an asset without a probed duration MUST NOT be ready.");
