# The project's verbs. README.md uses them verbatim; .ci/run calls `make test`.
.PHONY: default install build test test-packaging lint format demo bench mutation docs clean

# Simulator certificates live here; NODE_EXTRA_CA_CERTS must name the CA before node starts.
export REINSTALL_SIM_DIR := $(CURDIR)/.sim
SIM_CA = $$(node simulator/dist/cli.js certs)

default: test

node_modules/.package-lock.json: package.json package-lock.json */package.json sdk/nodejs/package.json examples/*/package.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json

# One incremental build of every project: a second `make build` with nothing changed checks timestamps and compiles nothing.
build: install
	npx tsc -b . examples/ovh-debian examples/edis-cloudinit scripts

# got (EDIS client) is ESM-only; the provider loads it with a real dynamic import(), which jest runs
# through its ESM loader only with vm modules enabled.
JEST_NODE_OPTIONS = --experimental-vm-modules --disable-warning=ExperimentalWarning

# --ci: a test run never writes a snapshot, so one left empty fails here and in CI whether or not the CI sets the CI variable.
# A new inline snapshot is written by running jest on its file without --ci, and then reviewed in the diff.
JEST = NODE_EXTRA_CA_CERTS="$(SIM_CA)" NODE_OPTIONS="$(JEST_NODE_OPTIONS)" npx jest --ci

# The code: provider, simulator and SDK suites, and the engine suites through @pulumi/pulumi's provider host.
test: build
	$(JEST) --testPathIgnorePatterns /test/packaging/

# The packages as they are published and first used: the README's dry run on a fresh copy (its own `npm ci` and
# build), and the tarballs installed with npm and with pnpm. A fifth of the whole suite's CPU, spent on npm rather than
# on our code, so `make test` leaves it out; CI runs both.
test-packaging: build
	$(JEST) test/packaging

lint: build
	npx tsc -p tsconfig.test.json
	npx eslint .
	npx prettier --check .

format: install
	npx prettier --write .

demo: build
	NODE_EXTRA_CA_CERTS="$(SIM_CA)" node scripts/dist/scripts/demo.js

bench: build
	NODE_EXTRA_CA_CERTS="$(SIM_CA)" node --expose-gc scripts/dist/scripts/bench.js

# Stryker over the safety-critical modules (stryker.config.js, docs/testing.md#mutation-testing): reports/mutation/.
# Incremental: a run retests only the mutants whose code or tests changed since harness/stryker-incremental.json (committed).
mutation: build
	NODE_EXTRA_CA_CERTS="$(SIM_CA)" npx stryker run

# Renders the tables of docs/*.md from schema.json and the provider.
docs: build
	node scripts/dist/scripts/docs.js

clean:
	rm -rf node_modules */dist sdk/nodejs/dist scripts/dist examples/*/bin .sim *.tsbuildinfo
