// Prints one plain closing line, "N passed, N failed", that any CI log reader understands.
// It is written as the process exits, so it comes after Jest's own summary.
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}
module.exports = PlainSummaryReporter;
