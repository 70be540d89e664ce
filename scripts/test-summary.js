#!/usr/bin/env node
// Sums jest --json result files into the one closing line CI reads: "N passed, N failed, N skipped".
// A suite that failed to run (syntax error, crash) or a result file that was never written counts
// as a failure, and so does each failed set-up step (--extra-failures N): nothing can pass silently.
const fs = require("fs");

const args = process.argv.slice(2);
let failed = 0;
if (args[0] === "--extra-failures") {
  failed += Number(args[1]);
  args.splice(0, 2);
}
let passed = 0;
let skipped = 0;
for (const file of args) {
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
