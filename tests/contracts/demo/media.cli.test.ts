// CLI contract tests for `retrovue demo media` (contracts/demo/media.yaml).
import { test } from 'node:test';

test.todo("B-1: The command MUST write a playable library (several series with episodes, movies, bumpers, commercials) plus deliberately bad files, print what it wrote and exit 0.");
test.todo("B-2: A non-empty directory MUST NOT be overwritten without confirmation (a y/N question on a TTY, --force otherwise), and a refusal MUST leave it untouched.");
test.todo("B-3: Long work MUST show progress on stderr on a terminal, and --json MUST keep stdout to the JSON document.");
