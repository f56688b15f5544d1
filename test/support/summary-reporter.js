/**
 * After jest's own one line per file: every skipped test with its title (which says why it is skipped),
 * the ten slowest tests, and one plain closing line, "jest: N passed, N failed, N skipped (T s)", for
 * tools that read it.
 */
import { relative } from 'node:path';

export default class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.started = Date.now();
  }

  onRunComplete(_contexts, results) {
    const all = results.testResults.flatMap((file) => file.testResults.map((t) => ({ ...t, file: relative(this.rootDir, file.testFilePath) })));
    for (const t of all) {
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') process.stdout.write(`jest: skipped: ${t.fullName}\n`);
    }
    const slowest = all.filter((t) => typeof t.duration === 'number').sort((a, b) => b.duration - a.duration).slice(0, 10);
    if (slowest.length > 0) {
      process.stdout.write('jest: slowest tests:\n');
      for (const t of slowest) process.stdout.write(`  ${(t.duration / 1000).toFixed(1).padStart(7)} s  ${t.file}: ${t.fullName}\n`);
    }
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const seconds = Math.round((Date.now() - this.started) / 1000);
    process.stdout.write(`jest: ${passed} passed, ${failed} failed, ${skipped + todo} skipped (${seconds} s)\n`);
  }
}
