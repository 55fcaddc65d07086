#!/usr/bin/env bash
# npm test: build the binary, check generated/ is current, run the layer, repository, size and traceability gates, then every test
# file under c8 coverage, each timed. RETROVUE_TEST_DATABASES=pglite|postgres narrows a local run to one
# database; CI (CI set) always runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CI:-}" ] && [ -n "${RETROVUE_TEST_DATABASES:-}" ]; then
  echo "test: CI runs both databases; ignoring RETROVUE_TEST_DATABASES=${RETROVUE_TEST_DATABASES}" >&2
  unset RETROVUE_TEST_DATABASES
elif [ -n "${RETROVUE_TEST_DATABASES:-}" ]; then
  echo "test: contract suites run against ${RETROVUE_TEST_DATABASES} only (RETROVUE_TEST_DATABASES)" >&2
fi
npm run -s build
npx tsx scripts/codegen.ts --check
# Test databases start from a cached migrated template: rebuild it from this checkout's migrations.
rm -rf "${TMPDIR:-/tmp}/retrovue-test-cache"
npx tsx scripts/layer-gate.ts
npx tsx scripts/repository-gate.ts
npx tsx scripts/size-gate.ts
npx tsx scripts/traceability-gate.ts
# Servers measure the machine's tuner count once into the user's cache: the run's own, measured before any test.
export XDG_CACHE_HOME="${TMPDIR:-/tmp}/retrovue-test-cache/xdg"
npx tsx scripts/warm-tuner-count.ts
# Commands run by tests never leave a background database holder behind (the holder's own tests turn it on).
export RETROVUE_HOLDER="${RETROVUE_HOLDER:-off}"
mapfile -t files < <(find tests -name '*.test.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
# Each file in its own process, two at a time, timed (scripts/run-tests.ts; figures in bench/results/).
npx c8 --all --src src --include 'src/**/*.ts' --exclude 'src/cli/main.ts' --reporter text-summary \
  node --import tsx scripts/run-tests.ts --concurrency 2 "${files[@]}"
