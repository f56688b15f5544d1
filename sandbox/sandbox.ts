/**
 * `npm run sandbox -- up [--crds] | down | status | env`: a real Kubernetes control plane on 127.0.0.1
 * (etcd, kube-apiserver with PodSecurity "restricted" everywhere, kube-controller-manager,
 * kube-scheduler) with kwok faking three nodes, so that charts install, roll out, run hooks and tests,
 * upgrade and uninstall for real. Containers never run: kwok marks pods Ready, completes Job pods and
 * `helm test` pods. State lives in .sandbox/; every process started is recorded by PID.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { join } from 'node:path';
import { REPO_ROOT, TOOLS_BIN } from '../generator/paths.js';

/** State folder; tests set CONCERTMASTER_SANDBOX_DIR so they never touch a developer's sandbox. */
export const SANDBOX = process.env['CONCERTMASTER_SANDBOX_DIR'] ?? join(REPO_ROOT, '.sandbox');
export const KUBECONFIG = join(SANDBOX, 'kubeconfig');
const PROCESSES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
type Proc = (typeof PROCESSES)[number];
const CRDS = process.env['CONCERTMASTER_CRDS_DIR'] ?? join(REPO_ROOT, '..', 'shared', 'crds');

class SandboxError extends Error {}
// Tests set CONCERTMASTER_SANDBOX_QUIET: their output stays one line per file.
const log = (msg: string) => void (process.env['CONCERTMASTER_SANDBOX_QUIET'] ? undefined : console.log(`[sandbox] ${msg}`));
const tool = (name: string) => join(TOOLS_BIN, name);
const pidFile = (p: Proc) => join(SANDBOX, 'pids', `${p}.pid`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidOf(p: Proc): number | undefined {
  if (!existsSync(pidFile(p))) return undefined;
  const pid = Number(readFileSync(pidFile(p), 'utf8'));
  return Number.isInteger(pid) && alive(pid) ? pid : undefined;
}

export function kubectl(args: readonly string[], input?: string) {
  const r = spawnSync(tool('kubectl'), ['--kubeconfig', KUBECONFIG, ...args], { encoding: 'utf8', ...(input !== undefined && { input }) });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function mustKubectl(step: string, args: readonly string[], input?: string): string {
  const r = kubectl(args, input);
  if (r.status !== 0) throw new SandboxError(`${step}: kubectl ${args.join(' ')} failed:\n${r.stderr.trim()}`);
  return r.stdout;
}

function start(p: Proc, args: readonly string[]): void {
  const out = openSync(join(SANDBOX, 'logs', `${p}.log`), 'a');
  const child = spawn(tool(p), args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile(p), String(child.pid));
  log(`started ${p} (pid ${child.pid}, log ${join(SANDBOX, 'logs', `${p}.log`)})`);
}

async function waitFor(what: string, seconds: number, check: () => boolean | Promise<boolean>, logOf?: Proc): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = logOf ? `\nlast lines of ${join(SANDBOX, 'logs', `${logOf}.log`)}:\n${readFileSync(join(SANDBOX, 'logs', `${logOf}.log`), 'utf8').split('\n').slice(-15).join('\n')}` : '';
  throw new SandboxError(`${what} not ready within ${seconds} s${tail}`);
}

function writePki(): { token: string } {
  const pki = join(SANDBOX, 'pki');
  mkdirSync(join(pki, 'apiserver'), { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(pki, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(pki, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const token = randomBytes(24).toString('hex');
  writeFileSync(join(pki, 'tokens.csv'), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
  // PodSecurity "restricted" for every namespace but kube-system, including the ones ct creates.
  writeFileSync(
    join(pki, 'admission.yaml'),
    `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults:
        enforce: restricted
        enforce-version: latest
        audit: restricted
        warn: restricted
      exemptions:
        namespaces: [kube-system]
`,
  );
  return { token };
}

function writeKubeconfig(port: number, token: string): void {
  writeFileSync(
    KUBECONFIG,
    `apiVersion: v1
kind: Config
clusters:
  - name: sandbox
    cluster:
      server: https://127.0.0.1:${port}
      insecure-skip-tls-verify: true
users:
  - name: admin
    user:
      token: ${token}
contexts:
  - name: sandbox
    context: {cluster: sandbox, user: admin}
current-context: sandbox
`,
    { mode: 0o600 },
  );
}

/** kwok's own node and pod stages (from its module, pinned by the bootstrap) and ours for helm test pods. */
function kwokStages(): string {
  const gomodcache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  const version = readFileSync(join(REPO_ROOT, 'scripts/tool-versions.sh'), 'utf8').match(/^KWOK_VERSION=(\S+)/m)?.[1];
  const root = join(gomodcache, `sigs.k8s.io/kwok@${version}/kustomize/stage`);
  const parts: string[] = [];
  for (const dir of ['node/fast', 'node/heartbeat-with-lease', 'pod/fast']) {
    for (const f of readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort()) {
      parts.push(readFileSync(join(root, dir, f), 'utf8'));
    }
  }
  parts.push(readFileSync(join(REPO_ROOT, 'sandbox/helm-test-stage.yaml'), 'utf8'));
  return parts.map((p) => p.trim()).join('\n---\n') + '\n';
}

function persistentVolumes(): string {
  const pvs: string[] = [];
  for (const sc of ['standard', 'fast-ssd']) {
    // Claims are never provisioned here and released volumes are never reused, so every install that
    // claims a volume (ct's, the tests') takes a fresh one: keep far more than a test run needs.
    for (let i = 0; i < 100; i++) {
      pvs.push(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: sandbox-${sc}-${i}
spec:
  storageClassName: ${sc}
  capacity: {storage: 1Ti}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  hostPath: {path: /sandbox/${sc}/${i}}`);
    }
  }
  return pvs.join('\n---\n') + '\n';
}

async function apiHealthy(): Promise<boolean> {
  return kubectl(['get', '--raw', '/readyz']).stdout.trim() === 'ok';
}

export async function up(withCrds: boolean): Promise<void> {
  if (PROCESSES.every((p) => pidOf(p) !== undefined) && existsSync(KUBECONFIG) && (await apiHealthy())) {
    log('already up: nothing to do');
    if (withCrds) installCrds();
    return;
  }
  for (const p of PROCESSES) if (!existsSync(tool(p))) throw new SandboxError(`${tool(p)} is missing: run \`npm run bootstrap\``);
  await down(true);
  rmSync(SANDBOX, { recursive: true, force: true });
  for (const d of ['pids', 'logs', 'etcd']) mkdirSync(join(SANDBOX, d), { recursive: true });
  const [etcdClient, etcdPeer, api, kcm, sched, kwokPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const { token } = writePki();
  writeKubeconfig(api, token);
  const pki = join(SANDBOX, 'pki');

  log('step 1/5: etcd');
  start('etcd', [
    '--data-dir', join(SANDBOX, 'etcd'), '--unsafe-no-fsync',
    '--listen-client-urls', `http://127.0.0.1:${etcdClient}`, '--advertise-client-urls', `http://127.0.0.1:${etcdClient}`,
    '--listen-peer-urls', `http://127.0.0.1:${etcdPeer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${etcdPeer}`,
    '--initial-cluster', `default=http://127.0.0.1:${etcdPeer}`,
  ]);
  await waitFor('etcd', 30, async () => (await fetch(`http://127.0.0.1:${etcdClient}/health`).then((r) => r.ok).catch(() => false)), 'etcd');

  log('step 2/5: kube-apiserver');
  start('kube-apiserver', [
    `--etcd-servers=http://127.0.0.1:${etcdClient}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${api}`,
    `--cert-dir=${join(pki, 'apiserver')}`, `--token-auth-file=${join(pki, 'tokens.csv')}`, '--authorization-mode=RBAC',
    '--service-cluster-ip-range=10.96.0.0/16', '--allow-privileged=true',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${join(pki, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(pki, 'sa.key')}`, `--admission-control-config-file=${join(pki, 'admission.yaml')}`,
  ]);
  await waitFor('kube-apiserver', 90, apiHealthy, 'kube-apiserver');

  log('step 3/5: kube-controller-manager and kube-scheduler');
  start('kube-controller-manager', [
    `--kubeconfig=${KUBECONFIG}`, '--bind-address=127.0.0.1', `--secure-port=${kcm}`, '--leader-elect=false',
    `--service-account-private-key-file=${join(pki, 'sa.key')}`, `--root-ca-file=${join(pki, 'apiserver', 'apiserver.crt')}`,
    // No node lifecycle controller: under load it can miss kwok's heartbeats, mark the fake nodes
    // NotReady and flip pods to not-ready for good (kwok does not make a Running pod Ready again).
    '--controllers=*,-nodeipam,-nodelifecycle,-service-lb-controller,-cloud-node-lifecycle',
  ]);
  start('kube-scheduler', [`--kubeconfig=${KUBECONFIG}`, '--bind-address=127.0.0.1', `--secure-port=${sched}`, '--leader-elect=false']);
  await waitFor('the default ServiceAccount', 60, () => kubectl(['get', 'serviceaccount', 'default', '-n', 'default']).status === 0, 'kube-controller-manager');

  log('step 4/5: kwok, nodes, StorageClasses and volumes');
  const stages = join(SANDBOX, 'kwok-stages.yaml');
  writeFileSync(stages, kwokStages());
  start('kwok', [
    `--kubeconfig=${KUBECONFIG}`, '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    `--config=${stages}`, `--server-address=127.0.0.1:${kwokPort}`, '--cidr=10.244.0.1/16', '--node-ip=10.244.255.1',
  ]);
  mustKubectl('creating nodes and StorageClasses', ['apply', '-f', join(REPO_ROOT, 'sandbox/cluster.yaml')]);
  mustKubectl('creating volumes', ['apply', '-f', '-'], persistentVolumes());
  await waitFor('three Ready nodes', 60, () => {
    const r = kubectl(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}']);
    return r.stdout.trim() === 'True True True';
  }, 'kwok');
  // Admission taints every new node not-ready; the node lifecycle controller, which is off, would lift it.
  mustKubectl('untainting the nodes', ['taint', 'nodes', '--all', 'node.kubernetes.io/not-ready:NoSchedule-']);

  log('step 5/5: ' + (withCrds ? 'CRDs from ' + CRDS : 'no CRDs (add --crds for the staging and production overlays)'));
  if (withCrds) installCrds();
  log(`up: export KUBECONFIG=${KUBECONFIG}`);
}

export function installCrds(): void {
  if (!existsSync(CRDS)) throw new SandboxError(`CRD folder ${CRDS} does not exist; set CONCERTMASTER_CRDS_DIR or run scripts/fetch-crds.sh`);
  mustKubectl('installing CRDs', ['apply', '--server-side', '--force-conflicts', '-R', '-f', CRDS]);
  mustKubectl('waiting for CRDs', ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
}

export async function down(quiet = false): Promise<void> {
  for (const p of [...PROCESSES].reverse()) {
    const pid = pidOf(p);
    if (pid === undefined) continue;
    process.kill(pid, 'SIGTERM');
    const until = Date.now() + 10_000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(pidFile(p), { force: true });
    if (!quiet) log(`stopped ${p} (pid ${pid})`);
  }
  if (!quiet) log('down');
}

export async function status(): Promise<boolean> {
  let ok = true;
  for (const p of PROCESSES) {
    const pid = pidOf(p);
    console.log(`${p.padEnd(24)} ${pid !== undefined ? `running (pid ${pid})` : 'stopped'}`);
    ok &&= pid !== undefined;
  }
  const healthy = existsSync(KUBECONFIG) && (await apiHealthy());
  console.log(`${'API /readyz'.padEnd(24)} ${healthy ? 'ok' : 'not answering'}`);
  return ok && healthy;
}

if (process.argv[1] && process.argv[1].endsWith('sandbox.ts')) {
  const [command, ...flags] = process.argv.slice(2);
  const run = async () => {
    switch (command) {
      case 'up':
        return up(flags.includes('--crds'));
      case 'down':
        return down();
      case 'status':
        if (!(await status())) process.exitCode = 1;
        return;
      case 'env':
        console.log(`export KUBECONFIG=${KUBECONFIG}`);
        return;
      default:
        throw new SandboxError('usage: npm run sandbox -- up [--crds] | down | status | env');
    }
  };
  run().catch((err) => {
    console.error(`sandbox: error: ${(err as Error).message}`);
    process.exit(1);
  });
}
