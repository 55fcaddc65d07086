// data contract tests for `retrovue network apply` (contracts/network/apply.yaml).
import { test } from 'node:test';

test.todo("D-1: After an apply, `network export` MUST give back every declared field as declared (a property test over generated networks); an export applied to an empty home and exported again MUST give the same file.");
test.todo("D-2: An object MUST be written through the same rules as its add and update commands (the same validation and canonical values), so a file cannot make what the commands would refuse.");
test.todo("D-3: A collection the file declares MUST exist in its source after discovery (the apply discovers declared sources); one that discovery does not find MUST be refused naming the source and collection.");
test.todo("D-4: A program linking a series that has no asset yet MUST be accepted (its source is not ingested yet) and reported as waiting for ingest; every other unknown reference MUST be refused.");
