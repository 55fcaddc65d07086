// data contract tests for `retrovue demo media` (contracts/demo/media.yaml).
import { test } from 'node:test';

test.todo("D-1: Every good file MUST probe to its listed duration (within one frame of audio or video) and every bad file MUST fail to probe.");
test.todo("D-2: The library MUST vary resolution, frame rate, container and audio layout, and some files MUST carry chapter marks.");
