// data contract tests for `retrovue runtime nodes` (contracts/runtime/nodes.yaml).
import { test } from 'node:test';

test.todo("D-1: A node silent for more than 10 s MUST NOT be listed, and the channels of a node MUST be exactly those whose ownership lock its session holds.");
test.todo("D-2: Listing MUST NOT write to the database.");
