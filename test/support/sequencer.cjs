/**
 * Runs the cluster test files (test/sandbox/) first: each waits on its own sandbox for minutes while
 * using little CPU, so starting them first lets the render, lint and generator files share the cores
 * meanwhile. Within each group, the longest file (by size, jest's own fallback) goes first.
 */
const Sequencer = require('@jest/test-sequencer').default;

class ClusterFirstSequencer extends Sequencer {
  sort(tests) {
    const cluster = (t) => (t.path.includes('/test/sandbox/') ? 0 : 1);
    return super.sort(tests).sort((a, b) => cluster(a) - cluster(b));
  }
}

module.exports = ClusterFirstSequencer;
