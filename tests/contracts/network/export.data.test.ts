// data contract tests for `retrovue network export` (contracts/network/export.yaml).
import { test } from 'node:test';

test.todo("D-1: Two exports of an unchanged network MUST be byte for byte the same; objects MUST be ordered by their names (channels by number) and fields equal to their defaults MUST be left out.");
test.todo("D-2: Every setting of the network (each field of the schema) MUST be exported, so `network apply` of the export on an empty home followed by ingest gives the same network and the same guide.");
