#!/usr/bin/env node
// Sums jest --json result files into the one closing line CI reads: "N passed, N failed, N skipped".
// A suite that failed to run (syntax error, crash) counts as one failure, so it can never pass silently.
const fs = require("fs");

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`test-summary: ${file} was not written (the run did not finish)`);
    failed += 1;
    continue;
  }
  const result = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  skipped += result.numPendingTests + result.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
