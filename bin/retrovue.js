#!/usr/bin/env node
// The `retrovue` command: the bundle (scripts/build.ts), CommonJS like this file (bin/package.json), so a
// start needs no ES module loader.
require('../dist/retrovue.cjs');
