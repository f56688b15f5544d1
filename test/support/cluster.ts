/**
 * A sandbox control plane of the test file's own (npm run sandbox), started before its first test and
 * stopped after its last, in a temporary folder, so that test files run in parallel and never touch a
 * developer's .sandbox/.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type SandboxModule = typeof import('../../sandbox/sandbox.js');

export interface TestCluster {
  readonly kubeconfig: string;
  /** `--kubeconfig <file>`, for helm. */
  readonly kc: readonly string[];
  kubectl(args: readonly string[], input?: string): { status: number; stdout: string; stderr: string };
  /** kubectl that fails the test, with kubectl's error, on a non-zero exit. */
  mustKubectl(args: readonly string[], input?: string): string;
  installCrds(): void;
  /** Stops the sandbox now (the file's afterAll then has nothing left to stop). */
  down(): Promise<void>;
  /** The real node's network namespace, where Service and pod addresses are reachable. */
  nodeNetns(): string;
}

export function ownSandbox(opts: { crds: boolean; realNode?: boolean; autoscaling?: boolean }): TestCluster {
  const state = mkdtempSync(join(tmpdir(), 'cm-sandbox-'));
  // Read by sandbox.ts when it is imported, below, once per test file.
  process.env['CONCERTMASTER_SANDBOX_DIR'] = state;
  process.env['CONCERTMASTER_SANDBOX_QUIET'] = '1';
  const kubeconfig = join(state, 'kubeconfig');
  let sandbox: SandboxModule | undefined;
  const loaded = (): SandboxModule => {
    if (!sandbox) throw new Error('the sandbox is not up: use the cluster inside tests and hooks');
    return sandbox;
  };

  beforeAll(async () => {
    sandbox = await import('../../sandbox/sandbox.js');
    await sandbox.up({ crds: opts.crds, realNode: opts.realNode ?? false, autoscaling: opts.autoscaling ?? false });
  }, 300_000);
  afterAll(async () => {
    await sandbox?.down();
    // After down: the control plane writes into the folder until its processes stop.
    rmSync(state, { recursive: true, force: true });
  }, 120_000);

  return {
    kubeconfig,
    kc: ['--kubeconfig', kubeconfig],
    kubectl: (args, input) => loaded().kubectl(args, input),
    mustKubectl: (args, input) => {
      const r = loaded().kubectl(args, input);
      if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${r.stderr}`);
      return r.stdout;
    },
    installCrds: () => loaded().installCrds(),
    down: () => loaded().down(true),
    nodeNetns: () => {
      const slot = JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')).slot as number | undefined;
      if (slot === undefined) throw new Error('this sandbox has no real node');
      return `cm-sbx-${slot}`;
    },
  };
}
