#!/usr/bin/env bash
# npm test: build the binary, check generated/ is current, run the layer and traceability gates, then every test
# file (listed explicitly: node --test with no files runs nothing) under c8 coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
npx tsx scripts/codegen.ts --check
# Test databases start from a cached migrated template: rebuild it from this checkout's migrations.
rm -rf "${TMPDIR:-/tmp}/retrovue-test-cache"
npx tsx scripts/layer-gate.ts
npx tsx scripts/traceability-gate.ts
mapfile -t files < <(find tests -name '*.test.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
npx c8 --all --src src --include 'src/**/*.ts' --exclude 'src/cli/main.ts' --reporter text-summary \
  node --import tsx --test --test-concurrency=2 "${files[@]}"
