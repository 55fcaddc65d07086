#!/usr/bin/env node
import '../dist/retrovue.mjs';
