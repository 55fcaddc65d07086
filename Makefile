# Mirrors package.json scripts.
.PHONY: install build codegen test bench typecheck
install:
	npm ci
build:
	npm run build
codegen:
	npm run codegen
typecheck:
	npm run typecheck
test:
	npm test
bench:
	npm run bench
