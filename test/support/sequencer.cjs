/**
 * Runs the cluster test files (test/sandbox/) first: each waits on its own sandbox for minutes while
 * using little CPU, so starting them first lets the render, lint and generator files share the cores
 * meanwhile. Within each group, the longest file (by size, jest's own fallback) goes first. The
 * autoscaling file goes last of all: it waits for the real-node file's lock on the real node
 * (test/support/real-node-lock.ts), and a worker waiting there would be one fewer for the other files.
 */
const Sequencer = require('@jest/test-sequencer').default;

class ClusterFirstSequencer extends Sequencer {
  sort(tests) {
    const cluster = (t) => (t.path.endsWith('/test/sandbox/autoscaling.test.ts') ? 2 : t.path.includes('/test/sandbox/') ? 0 : 1);
    return super.sort(tests).sort((a, b) => cluster(a) - cluster(b));
  }
}

module.exports = ClusterFirstSequencer;
