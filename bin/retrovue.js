#!/usr/bin/env node
// The `retrovue` command: the bundle (scripts/build.ts), run as CommonJS like this file (bin/package.json)
// by dist/load.cjs, with a code cache beside each of its files.
require('../dist/load.cjs').runRetrovue();
