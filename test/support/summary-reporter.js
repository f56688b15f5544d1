/**
 * Prints every skipped test with its title (which says why it is skipped), then one plain closing line,
 * "jest: N passed, N failed, N skipped", for tools that read it.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') {
          process.stdout.write(`jest: skipped: ${t.fullName}\n`);
        }
      }
    }
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    process.stdout.write(`jest: ${passed} passed, ${failed} failed, ${skipped + todo} skipped\n`);
  }
}
