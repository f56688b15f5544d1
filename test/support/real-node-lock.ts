/**
 * One real node at a time among the test files. Each real node adds host-wide state (a network
 * namespace, links, cgroups, CNI results, container log links) that a concurrent one would show in the
 * other's "down leaves the host as it was" snapshot; and two of them would share 2 cores under load.
 * The lock is a directory (mkdir is atomic) holding the owner's PID; a dead owner's lock is taken over.
 * Call before ownSandbox(), so that the lock is held from before `up` until after `down`.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'concertmaster-real-node.lock');
const WAIT_S = 1800;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function acquire(): Promise<void> {
  const end = Date.now() + WAIT_S * 1000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch {
      const owner = Number((() => { try { return readFileSync(join(LOCK, 'pid'), 'utf8'); } catch { return '0'; } })());
      if (owner && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > end) throw new Error(`the real node lock ${LOCK} is still held by PID ${owner} after ${WAIT_S} s`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** Holds the lock for the file: taken in the first beforeAll, released in an afterAll registered later. */
export function holdRealNode(): { release(): void } {
  beforeAll(acquire, (WAIT_S + 60) * 1000);
  const release = () => {
    try {
      if (Number(readFileSync(join(LOCK, 'pid'), 'utf8')) === process.pid) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // not held
    }
  };
  return { release };
}

/** Registers the release; call after ownSandbox() so that it runs after the sandbox's own afterAll. */
export function releaseRealNodeAfterAll(lock: { release(): void }): void {
  afterAll(() => lock.release());
}
