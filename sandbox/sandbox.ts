/**
 * `npm run sandbox -- up [--crds] [--no-real-node] | down | status | env`: a real Kubernetes control
 * plane (etcd, kube-apiserver with PodSecurity "restricted" everywhere, kube-controller-manager,
 * kube-scheduler) with kwok faking three nodes in three zones, and, as root, one real node beside them
 * (sandbox/real-node.ts): a kubelet on containerd and runc, kube-proxy, CoreDNS and an image registry,
 * which runs pods for real. The dev stack runs there with values/sandbox/real-node.yaml; everything else
 * lands on the kwok nodes, whose pods kwok marks Ready without running them. State lives in .sandbox/;
 * every process started is recorded by PID, and `down` leaves the host as `up` found it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiServiceManifest, frontProxyFlags, kedaCertificates } from './aggregation.js';
import { freePort } from './free-port.js';
import { REPO_ROOT, TOOLS_BIN } from '../generator/paths.js';
import {
  claimSlot, createCgroups, NODE_LABEL, NODE_NAME, recordHostDirs, recordSysctls, seedRegistry, setUpNetwork, slotOf, tearDown, unavailable, useClusterDns, writeNodeConfig, type Slot,
} from './real-node.js';

/** State folder; tests set CONCERTMASTER_SANDBOX_DIR so they never touch a developer's sandbox. */
export const SANDBOX = process.env['CONCERTMASTER_SANDBOX_DIR'] ?? join(REPO_ROOT, '.sandbox');
export const KUBECONFIG = join(SANDBOX, 'kubeconfig');
const CONTROL_PLANE = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
const CRDS = process.env['CONCERTMASTER_CRDS_DIR'] ?? join(REPO_ROOT, '..', 'shared', 'crds');
const TOOLS_CACHE = process.env['CONCERTMASTER_TOOLS_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(process.env['HOME'] ?? '/root', '.cache'), 'concertmaster-charts');
/** Where `npm run images` leaves the registry store every real node serves. */
export const IMAGE_STORE = join(TOOLS_CACHE, 'images', 'registry');

class SandboxError extends Error {}
// Tests set CONCERTMASTER_SANDBOX_QUIET: their output stays one line per file.
const log = (msg: string) => void (process.env['CONCERTMASTER_SANDBOX_QUIET'] ? undefined : console.log(`[sandbox] ${msg}`));
const tool = (name: string) => join(TOOLS_BIN, name);
const pidFile = (p: string) => join(SANDBOX, 'pids', `${p}.pid`);
const stateFile = () => join(SANDBOX, 'state.json');

interface State {
  readonly slot?: number;
  /** Files in /run/containerd/s before the node's containerd started (its shims add sockets there). */
  readonly shimSockets?: readonly string[];
  /** Whether /run/containerd and /var/lib/cni existed before (the shims and libcni make them). */
  readonly runContainerd?: boolean;
  readonly cniCache?: boolean;
  /** Whether /var/log/containers existed before this sandbox's kubelet. */
  readonly containerLogs?: boolean;
}
const readState = (): State => (existsSync(stateFile()) ? (JSON.parse(readFileSync(stateFile(), 'utf8')) as State) : {});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidOf(p: string): number | undefined {
  if (!existsSync(pidFile(p))) return undefined;
  const pid = Number(readFileSync(pidFile(p), 'utf8'));
  return Number.isInteger(pid) && alive(pid) ? pid : undefined;
}

/** Processes in start order, as `up` recorded them. */
function started(): string[] {
  const f = join(SANDBOX, 'pids', 'order');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : [];
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

/**
 * Starts a process detached, logging to logs/<name>.log. With a slot, it first joins the slot's cgroup
 * (so `down` finds it and everything it starts) and, with `netns`, runs in the node's network namespace.
 */
function start(name: string, cmd: string, args: readonly string[], opts: { slot?: Slot; netns?: 'nsenter' | 'ip'; env?: Record<string, string> } = {}): number {
  const out = openSync(join(SANDBOX, 'logs', `${name}.log`), 'a');
  let argv = [cmd, ...args];
  if (opts.netns === 'nsenter') argv = ['nsenter', `--net=/run/netns/${opts.slot!.netns}`, '--', ...argv];
  // `ip netns exec` also gives the process the namespace's /sys; nsenter keeps the host's mounts, which
  // the kubelet and containerd must share.
  if (opts.netns === 'ip') argv = ['ip', 'netns', 'exec', opts.slot!.netns, ...argv];
  if (opts.slot) {
    const join_ = cgroupJoinScript(opts.slot);
    argv = ['sh', '-c', `${join_}; exec "$@"`, 'sh', ...argv];
  }
  const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...opts.env } });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  writeFileSync(join(SANDBOX, 'pids', 'order'), [...started().filter((p) => p !== name), name].join('\n') + '\n');
  log(`started ${name} (pid ${child.pid}, log ${join(SANDBOX, 'logs', `${name}.log`)})`);
  return child.pid!;
}

function cgroupJoinScript(slot: Slot): string {
  return readdirSync('/sys/fs/cgroup', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('/sys/fs/cgroup', d.name, slot.cgroup, 'cgroup.procs')))
    .map((d) => `echo $$ > /sys/fs/cgroup/${d.name}/${slot.cgroup}/cgroup.procs`)
    .join('; ');
}

async function waitFor(what: string, seconds: number, check: () => boolean | Promise<boolean>, logOf?: string): Promise<void> {
  const until = Date.now() + seconds * 1000;
  const file = logOf ? join(SANDBOX, 'logs', `${logOf}.log`) : undefined;
  const tail = () => (file && existsSync(file) ? `\nlast lines of ${file}:\n${readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')}` : '');
  while (Date.now() < until) {
    if (await check()) return;
    // A process that already exited will not get ready: say so now, not at the timeout.
    if (logOf && existsSync(pidFile(logOf)) && pidOf(logOf) === undefined) throw new SandboxError(`${what}: ${logOf} exited${tail()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new SandboxError(`${what} not ready within ${seconds} s${tail()}`);
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

function writeKubeconfig(host: string, port: number, token: string): void {
  writeFileSync(
    KUBECONFIG,
    `apiVersion: v1
kind: Config
clusters:
  - name: sandbox
    cluster:
      server: https://${host}:${port}
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

/**
 * Volumes for claims to bind to, in both StorageClasses. The kwok nodes' are never mounted; the real
 * node's are local volumes in the sandbox folder, which the kubelet mounts (with fsGroup) for real.
 * Claims bind when their pod is scheduled (WaitForFirstConsumer), to a volume of its node.
 */
function persistentVolumes(realNode: boolean): string {
  const pvs: string[] = [];
  for (const sc of ['standard', 'fast-ssd']) {
    // Released volumes are never reused, so every install that claims a volume takes a fresh one.
    for (let i = 0; i < 100; i++) {
      pvs.push(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: sandbox-${sc}-${i}
spec:
  storageClassName: ${sc}
  capacity: {storage: 1Ti}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: /sandbox/${sc}/${i}}
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions: [{key: type, operator: In, values: [kwok]}]`);
    }
    for (let i = 0; realNode && i < 20; i++) {
      const path = join(SANDBOX, 'node', 'volumes', `${sc}-${i}`);
      mkdirSync(path, { recursive: true });
      pvs.push(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: sandbox-real-${sc}-${i}
spec:
  storageClassName: ${sc}
  capacity: {storage: 1Ti}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  local: {path: ${path}}
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions: [{key: ${NODE_LABEL}, operator: In, values: [real]}]`);
    }
  }
  return pvs.join('\n---\n') + '\n';
}

async function apiHealthy(): Promise<boolean> {
  return kubectl(['get', '--raw', '/readyz']).stdout.trim() === 'ok';
}

export interface UpOptions {
  /** Install the operators' CRDs from ../shared/crds. */
  readonly crds?: boolean;
  /** Add the real node (default: when this machine can run it). */
  readonly realNode?: boolean;
  /**
   * Run metrics-server and KEDA (operator and metrics API server) for the real node's pods, so HPAs
   * scale on real CPU and ScaledObjects on real queues. Implies crds (KEDA's ScaledObject CRD).
   */
  readonly autoscaling?: boolean;
}

/** Whether this sandbox runs a real node: recorded by `up`. */
export const hasRealNode = (): boolean => readState().slot !== undefined;

export async function up(opts: UpOptions | boolean = {}): Promise<void> {
  const given: UpOptions = typeof opts === 'boolean' ? { crds: opts } : opts;
  const o: UpOptions = { ...given, crds: Boolean(given.crds || given.autoscaling) };
  const why = unavailable(tool);
  const realNode = o.realNode ?? why === undefined;
  if (realNode && why) throw new SandboxError(`the real node cannot run here: ${why}`);
  if (o.autoscaling && !realNode) throw new SandboxError('--autoscaling needs the real node: only its pods use CPU to measure');
  if (o.autoscaling && !existsSync(tool('keda-operator'))) throw new SandboxError(`${tool('keda-operator')} is missing: run \`npm run bootstrap -- autoscaling\``);
  if (o.autoscaling && !existsSync(tool('metrics-server'))) throw new SandboxError(`${tool('metrics-server')} is missing: run \`npm run bootstrap -- autoscaling\``);
  const running = CONTROL_PLANE.every((p) => pidOf(p) !== undefined) && existsSync(KUBECONFIG) && (await apiHealthy());
  if (running && (!realNode || hasRealNode()) && (!o.autoscaling || pidOf('keda-adapter') !== undefined)) {
    log('already up: nothing to do');
    if (o.crds) installCrds();
    return;
  }
  for (const p of CONTROL_PLANE) if (!existsSync(tool(p))) throw new SandboxError(`${tool(p)} is missing: run \`npm run bootstrap -- sandbox\``);
  if (realNode && !existsSync(join(IMAGE_STORE, 'docker'))) throw new SandboxError(`no images in ${IMAGE_STORE}: run \`npm run images\` first`);
  await down(true);
  rmSync(SANDBOX, { recursive: true, force: true });
  for (const d of ['pids', 'logs', 'etcd']) mkdirSync(join(SANDBOX, d), { recursive: true });

  let slot: Slot | undefined;
  if (realNode) {
    log('the real node\'s network namespace, link and cgroups');
    recordHostDirs();
    slot = claimSlot();
    const shimSockets = existsSync('/run/containerd/s') ? readdirSync('/run/containerd/s') : [];
    writeFileSync(stateFile(), JSON.stringify({ slot: slot.slot, shimSockets, runContainerd: existsSync('/run/containerd'), cniCache: existsSync('/var/lib/cni'), containerLogs: existsSync('/var/log/containers') } satisfies State));
    setUpNetwork(slot);
    createCgroups(slot);
    recordSysctls();
  }
  // The API server listens where the node can reach it: the host end of the node's link, else loopback.
  const host = slot?.hostIp ?? '127.0.0.1';
  const [etcdClient, etcdPeer, api, kcm, sched, kwokPort] = await Promise.all([freePort(), freePort(), freePort(host), freePort(), freePort(), freePort()]);
  const { token } = writePki();
  writeKubeconfig(host, api, token);
  const pki = join(SANDBOX, 'pki');

  log('step 1/5: etcd');
  start('etcd', tool('etcd'), [
    '--data-dir', join(SANDBOX, 'etcd'), '--unsafe-no-fsync',
    '--listen-client-urls', `http://127.0.0.1:${etcdClient}`, '--advertise-client-urls', `http://127.0.0.1:${etcdClient}`,
    '--listen-peer-urls', `http://127.0.0.1:${etcdPeer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${etcdPeer}`,
    '--initial-cluster', `default=http://127.0.0.1:${etcdPeer}`,
  ]);
  await waitFor('etcd', 30, async () => (await fetch(`http://127.0.0.1:${etcdClient}/health`).then((r) => r.ok).catch(() => false)), 'etcd');

  log('step 2/5: kube-apiserver');
  start('kube-apiserver', tool('kube-apiserver'), [
    `--etcd-servers=http://127.0.0.1:${etcdClient}`, `--bind-address=${host}`, `--advertise-address=${host}`, `--secure-port=${api}`,
    `--cert-dir=${join(pki, 'apiserver')}`, `--token-auth-file=${join(pki, 'tokens.csv')}`, '--authorization-mode=RBAC',
    '--service-cluster-ip-range=10.96.0.0/16', '--allow-privileged=true',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${join(pki, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(pki, 'sa.key')}`, `--admission-control-config-file=${join(pki, 'admission.yaml')}`,
    // logs, exec and port-forward reach the real node's kubelet on its link address.
    '--kubelet-preferred-address-types=InternalIP',
    ...frontProxyFlags(pki),
  ]);
  await waitFor('kube-apiserver', 90, apiHealthy, 'kube-apiserver');

  log('step 3/5: kube-controller-manager and kube-scheduler');
  start('kube-controller-manager', tool('kube-controller-manager'), [
    `--kubeconfig=${KUBECONFIG}`, '--bind-address=127.0.0.1', `--secure-port=${kcm}`, '--leader-elect=false',
    `--service-account-private-key-file=${join(pki, 'sa.key')}`, `--root-ca-file=${join(pki, 'apiserver', 'apiserver.crt')}`,
    // No node lifecycle controller: under load it can miss kwok's heartbeats, mark the fake nodes
    // NotReady and flip pods to not-ready for good (kwok does not make a Running pod Ready again).
    '--controllers=*,-nodeipam,-nodelifecycle,-service-lb-controller,-cloud-node-lifecycle',
  ]);
  start('kube-scheduler', tool('kube-scheduler'), [`--kubeconfig=${KUBECONFIG}`, '--bind-address=127.0.0.1', `--secure-port=${sched}`, '--leader-elect=false']);
  await waitFor('the default ServiceAccount', 60, () => kubectl(['get', 'serviceaccount', 'default', '-n', 'default']).status === 0, 'kube-controller-manager');

  log('step 4/5: kwok, nodes, StorageClasses and volumes');
  const stages = join(SANDBOX, 'kwok-stages.yaml');
  writeFileSync(stages, kwokStages());
  start('kwok', tool('kwok'), [
    `--kubeconfig=${KUBECONFIG}`, '--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    `--config=${stages}`, `--server-address=127.0.0.1:${kwokPort}`, '--cidr=10.243.0.1/16', '--node-ip=10.243.255.1',
  ]);
  mustKubectl('creating nodes and StorageClasses', ['apply', '-f', join(REPO_ROOT, 'sandbox/cluster.yaml')]);
  mustKubectl('creating volumes', ['apply', '-f', '-'], persistentVolumes(realNode));
  await waitFor('three Ready kwok nodes', 60, () => {
    const r = kubectl(['get', 'nodes', '-l', 'type=kwok', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}']);
    return r.stdout.trim() === 'True True True';
  }, 'kwok');
  // Admission taints every new node not-ready; the node lifecycle controller, which is off, would lift it.
  mustKubectl('untainting the nodes', ['taint', 'nodes', '-l', 'type=kwok', 'node.kubernetes.io/not-ready:NoSchedule-']);

  if (slot) {
    log('step 5/6: the real node (registry, containerd, CoreDNS, kubelet, kube-proxy)');
    await startRealNode(slot, token);
    if (o.autoscaling) await startMetricsServer(slot);
  }
  log(`step ${slot ? 6 : 5}/${slot ? 6 : 5}: ${o.crds ? `CRDs from ${CRDS}` : 'no CRDs (add --crds for the staging and production overlays)'}`);
  if (o.crds) installCrds();
  if (slot && o.autoscaling) await startKeda(slot);
  log(`up: export KUBECONFIG=${KUBECONFIG}`);
}

async function startRealNode(slot: Slot, _token: string): Promise<void> {
  const dir = join(SANDBOX, 'node');
  const files = writeNodeConfig(slot, dir, KUBECONFIG);
  seedRegistry(IMAGE_STORE, dir);
  start('registry', tool('docker-registry'), ['serve', files.registry], { slot, netns: 'ip' });
  start('containerd', '/usr/bin/containerd', ['--config', files.containerd], { slot, netns: 'nsenter' });
  await waitFor('containerd', 30, () => existsSync(join(dir, 'containerd', 'containerd.sock')), 'containerd');
  start('coredns', tool('coredns'), ['-conf', files.corefile], { slot });
  start('kubelet', tool('kubelet'), [
    `--config=${files.kubelet}`, `--kubeconfig=${KUBECONFIG}`, `--root-dir=${join(dir, 'kubelet', 'root')}`,
    `--cert-dir=${join(dir, 'kubelet', 'pki')}`, `--volume-plugin-dir=${join(dir, 'kubelet', 'volume-plugins')}`, `--hostname-override=${NODE_NAME}`, `--node-ip=${slot.nodeIp}`,
    `--node-labels=${NODE_LABEL}=real,topology.kubernetes.io/zone=us-east-1a,topology.kubernetes.io/region=us-east-1`,
  ], { slot, netns: 'nsenter' });
  start('kube-proxy', tool('kube-proxy'), [`--config=${files.kubeProxy}`], { slot, netns: 'nsenter' });
  await waitFor('the real node to register and be Ready', 120, () => {
    const r = kubectl(['get', 'node', NODE_NAME, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
    return r.stdout.trim() === 'True';
  }, 'kubelet');
  // The node lifecycle controller is off: lift the not-ready taint admission put on the new node.
  kubectl(['taint', 'nodes', NODE_NAME, 'node.kubernetes.io/not-ready:NoSchedule-']);
}

/**
 * metrics-server on the host, scraping the real node's kubelet (not the kwok nodes, whose pods use no
 * CPU), behind the aggregated metrics.k8s.io API the HPA controller and `kubectl top` read.
 */
async function startMetricsServer(slot: Slot): Promise<void> {
  log('metrics-server behind the aggregated metrics.k8s.io API');
  const port = await freePort(slot.hostIp);
  start('metrics-server', tool('metrics-server'), [
    `--kubeconfig=${KUBECONFIG}`, `--authentication-kubeconfig=${KUBECONFIG}`, `--authorization-kubeconfig=${KUBECONFIG}`,
    `--bind-address=${slot.hostIp}`, `--secure-port=${port}`, `--cert-dir=${join(SANDBOX, 'metrics-server')}`,
    '--kubelet-insecure-tls', '--kubelet-preferred-address-types=InternalIP', `--node-selector=${NODE_LABEL}=real`, '--kubelet-request-timeout=5s',
    // Every 10 s rather than 15 s: the HPA controller syncs every 15 s and should see a fresh sample.
    '--metric-resolution=10s',
  ]);
  mustKubectl('registering the metrics API', ['apply', '-f', '-'], apiServiceManifest({ name: 'metrics-server', group: 'metrics.k8s.io', version: 'v1beta1', ip: slot.hostIp, port }));
  await waitFor('the metrics API to report the real node', 120, () => kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/nodes/${NODE_NAME}`]).status === 0, 'metrics-server');
}

/**
 * KEDA as its chart deploys it, but from the host's binaries: the operator in the node's network
 * namespace (its scalers reach Redis at the Service's cluster address, by name through CoreDNS); the
 * metrics API server on the host behind the aggregated
 * external.metrics.k8s.io API, asking the operator over mutual TLS with the operator's certificates.
 */
async function startKeda(slot: Slot): Promise<void> {
  log('KEDA: the operator in the node\'s namespace, its metrics API server behind external.metrics.k8s.io');
  const certs = join(SANDBOX, 'keda', 'certs');
  mkdirSync(certs, { recursive: true });
  useClusterDns(slot, 'keda');
  mustKubectl('the keda namespace', ['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: keda\n');
  // The operator watches the eventing kinds too, which ../shared/crds does not carry: the release's own.
  const eventing = join(REPO_ROOT, '.tools', 'etc', 'keda-crds');
  for (const f of readdirSync(eventing).filter((n) => n.startsWith('eventing.'))) mustKubectl(`KEDA CRD ${f}`, ['apply', '--server-side', '-f', join(eventing, f)]);
  mustKubectl('waiting for KEDA\'s CRDs', ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
  const service = 'keda-operator.keda.svc.cluster.local';
  kedaCertificates(certs, service);
  const grpc = `${slot.nodeIp}:9666`;
  start('keda-operator', tool('keda-operator'), [
    `--kubeconfig=${KUBECONFIG}`, '--leader-elect=false', '--metrics-bind-address=0', '--health-probe-bind-address=0',
    `--metrics-service-bind-address=${grpc}`, '--enable-cert-rotation=false', `--cert-dir=${certs}`,
    // No admission webhook runs, and the APIService below skips TLS verification: nothing to patch.
    '--enable-webhook-patching=false', '--enable-apiservice-patching=false', '--zap-encoder=console',
  ], { slot, netns: 'ip', env: { WATCH_NAMESPACE: '', POD_NAMESPACE: 'keda', KEDA_CLUSTER_OBJECT_NAMESPACE: 'keda', OPERATOR_NAME: 'keda-operator' } });
  await waitFor('KEDA\'s gRPC metrics service', 90, () => /metrics service|grpc/i.test(readFileSync(join(SANDBOX, 'logs', 'keda-operator.log'), 'utf8')), 'keda-operator');
  const port = await freePort(slot.hostIp);
  start('keda-adapter', tool('keda-adapter'), [
    `--kubeconfig=${KUBECONFIG}`, `--authentication-kubeconfig=${KUBECONFIG}`, `--authorization-kubeconfig=${KUBECONFIG}`,
    `--lister-kubeconfig=${KUBECONFIG}`, `--bind-address=${slot.hostIp}`, `--secure-port=${port}`, `--cert-dir=${certs}`,
    `--metrics-service-address=${grpc}`, `--metrics-service-grpc-authority=${service}`,
  ], { env: { WATCH_NAMESPACE: '', POD_NAMESPACE: 'keda', KEDA_CLUSTER_OBJECT_NAMESPACE: 'keda' } });
  mustKubectl('registering the external metrics API', ['apply', '-f', '-'], apiServiceManifest({ name: 'keda-metrics-apiserver', group: 'external.metrics.k8s.io', version: 'v1beta1', ip: slot.hostIp, port }));
  await waitFor('the external metrics API', 120, () => kubectl(['get', '--raw', '/apis/external.metrics.k8s.io/v1beta1']).status === 0, 'keda-adapter');
}

/**
 * `kubectl port-forward` to a Service on a free 127.0.0.1 port, as a process of the sandbox (`down` stops
 * it). Returns the local port once it accepts connections.
 */
export async function portForward(namespace: string, service: string, port: number): Promise<number> {
  const local = await freePort();
  const name = `port-forward-${namespace}-${service}`;
  const old = pidOf(name);
  if (old !== undefined) process.kill(old, 'SIGTERM');
  start(name, tool('kubectl'), ['--kubeconfig', KUBECONFIG, '-n', namespace, 'port-forward', `service/${service}`, `${local}:${port}`, '--address', '127.0.0.1']);
  await waitFor(`port-forward to ${service}`, 30, async () => (await fetch(`http://127.0.0.1:${local}/`).then(() => true).catch(() => false)), name);
  return local;
}

export function installCrds(): void {
  if (!existsSync(CRDS)) throw new SandboxError(`CRD folder ${CRDS} does not exist; set CONCERTMASTER_CRDS_DIR or run scripts/fetch-crds.sh`);
  mustKubectl('installing CRDs', ['apply', '--server-side', '--force-conflicts', '-R', '-f', CRDS]);
  mustKubectl('waiting for CRDs', ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
}

export async function down(quiet = false): Promise<void> {
  const state = readState();
  const names = [...new Set([...started(), ...CONTROL_PLANE])].reverse();
  for (const p of names) {
    const pid = pidOf(p);
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      continue;
    }
    const until = Date.now() + 10_000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(pidFile(p), { force: true });
    if (!quiet) log(`stopped ${p} (pid ${pid})`);
  }
  if (state.slot !== undefined) {
    // Containers, shims and whatever else the node started: by its cgroup, then its mounts and namespace.
    await tearDown(slotOf(state.slot), SANDBOX, {
      shimSockets: state.shimSockets ?? [],
      ...(state.runContainerd !== undefined && { runContainerd: state.runContainerd }),
      ...(state.cniCache !== undefined && { cniCache: state.cniCache }),
      ...(state.containerLogs !== undefined && { containerLogs: state.containerLogs }),
    });
    rmSync(stateFile(), { force: true });
    if (!quiet) log(`removed the real node's processes, mounts, cgroups and network namespace ${slotOf(state.slot).netns}`);
  }
  if (!quiet) log('down');
}

export async function status(): Promise<boolean> {
  let ok = true;
  for (const p of [...new Set([...CONTROL_PLANE, ...started()])]) {
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
        return up({ crds: flags.includes('--crds'), autoscaling: flags.includes('--autoscaling'), ...(flags.includes('--no-real-node') && { realNode: false }) });
      case 'down':
        return down();
      case 'status':
        if (!(await status())) process.exitCode = 1;
        return;
      case 'env':
        console.log(`export KUBECONFIG=${KUBECONFIG}`);
        return;
      default:
        throw new SandboxError('usage: npm run sandbox -- up [--crds] [--autoscaling] [--no-real-node] | down | status | env');
    }
  };
  run().catch((err) => {
    console.error(`sandbox: error: ${(err as Error).message}`);
    process.exit(1);
  });
}


