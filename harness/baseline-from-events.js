#!/usr/bin/env node
/**
 * `node harness/baseline-from-events.js [events dir] > harness/stryker-incremental.json`: a baseline from a Stryker run
 * that did not end. Stryker writes its report only at the end, and a whole-list run outlasts a working session on two
 * cores; its event-recorder reporter (`--reporters …,event-recorder`) writes each mutant's result as it is decided.
 * This turns those results, and the initial run's tests, into a report of the same shape as Stryker's own. Mutants
 * not decided yet are left out: the next run from this baseline tests them as new ones. Run it in the directory the
 * run was started in, before that directory's sources or tests change: the report holds them as the run saw them.
 */
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2] ?? "reports/mutation/events";
const root = process.cwd();
const events = fs.readdirSync(dir).sort();
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const dryRun = events.find((name) => name.endsWith("-onDryRunCompleted.json"));
if (!dryRun) throw new Error(`no onDryRunCompleted event in ${dir}: was the run started with the event-recorder reporter?`);

// Stryker's jest runner names a test by its full name; its report gives each an id, and mutants refer to the id.
const testFiles = {};
const idOf = new Map();
for (const test of read(dryRun).result.tests) {
  const file = path.relative(root, test.fileName);
  testFiles[file] ??= { source: fs.readFileSync(test.fileName, "utf8"), tests: [] };
  const id = String(idOf.size);
  idOf.set(test.id, id);
  // The runner's positions count from 0, the report's from 1.
  const start = { line: test.startPosition.line + 1, column: test.startPosition.column + 1 };
  testFiles[file].tests.push({ id, name: test.name, location: { start } });
}
const ids = (tests) => tests?.filter((test) => idOf.has(test)).map((test) => idOf.get(test));

const files = {};
for (const name of events.filter((event) => event.endsWith("-onMutantTested.json"))) {
  const { fileName, coveredBy, killedBy, ...result } = read(name);
  const file = path.relative(root, fileName);
  files[file] ??= { language: "typescript", source: fs.readFileSync(fileName, "utf8"), mutants: [] };
  files[file].mutants.push({ ...result, ...(coveredBy && { coveredBy: ids(coveredBy) }), ...(killedBy && { killedBy: ids(killedBy) }) });
}

const { thresholds } = require(path.join(root, "stryker.config.js"));
process.stdout.write(
  `${JSON.stringify({ schemaVersion: "1.0", thresholds: { high: thresholds.high, low: thresholds.low }, projectRoot: root, files, testFiles })}\n`,
);
