/**
 * The sandbox's real node: a kubelet on Debian's containerd and runc, kube-proxy and CoreDNS, beside
 * the kwok nodes, so that the dev stack runs in real containers.
 *
 * Everything lives in the sandbox folder and in one network namespace of its own, `cm-sbx-<slot>`:
 * - the node namespace holds the pods' bridge, kube-proxy's iptables rules and the image registry
 *   (Debian's docker-registry on the node's 127.0.0.1:5000); it has no default route, so pods have no
 *   route off the machine;
 * - a veth pair links it to the host: the host end, 10.245.<slot>.1, is where the API server and CoreDNS
 *   listen; the node end, 10.245.<slot>.2, is the node's address; pods get 10.244.<slot>.0/24;
 * - every process goes into the cgroup `concertmaster-sbx-<slot>` (the kubelet's pods below it), so
 *   `down` finds and stops all of them, then removes mounts, cgroups, the namespace, and restores the
 *   sysctls the kubelet set. Several sandboxes run side by side in different slots.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CGROUP_ROOT, cgroupHierarchies, KUBELET_SYSCTLS, readSysctl, sh } from './host.js';

export const NODE_NAME = 'sandbox-real-node';
/** The label and taint that keep everything but the sandbox overlay's workloads off the real node. */
export const NODE_LABEL = 'concertmaster.io/sandbox-node';
export const REGISTRY = '127.0.0.1:5000';
/** The API server's --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/16';
/** Machine-wide record of the sysctls before the first real node changed them, restored by the last. */
const SYSCTL_RECORD = '/run/concertmaster-sandbox-sysctls.json';
const MAX_SLOT = 60;

export class RealNodeError extends Error {}

/**
 * Host folders a real node makes outside the sandbox folder, deepest first: the kubelet's device-plugin
 * socket folder is compiled in (no flag moves it), the flex-volume one is the kubelet's default, and
 * `ip netns add` makes /run/netns and bind-mounts it onto itself. `up` records which existed; the last
 * real node's `down` removes the ones it made. (A fresh machine's CI run found all three left behind.)
 */
export const HOST_DIRS = ['/var/lib/kubelet/device-plugins', '/var/lib/kubelet', '/usr/libexec/kubernetes/kubelet-plugins', '/usr/libexec/kubernetes', '/run/netns'] as const;
/**
 * The folders of HOST_DIRS whose whole content is the kubelet's own: the device-plugin socket, and the
 * flex-volume folders, which --volume-plugin-dir moves into the sandbox but a kubelet may still probe.
 */
const KUBELET_OWNED = new Set<string>(['/var/lib/kubelet/device-plugins', '/usr/libexec/kubernetes/kubelet-plugins']);

/** Machine-wide record of HOST_DIRS before the first real node, like SYSCTL_RECORD. */
const HOST_RECORD = '/run/concertmaster-sandbox-host.json';

/** What the host had before the first real node: each of HOST_DIRS, and whether /run/netns was a mount. */
interface HostBefore {
  readonly dirs: Readonly<Record<string, boolean>>;
  readonly netnsMount: boolean;
}

const isMountPoint = (path: string) => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === path);

/** Records HOST_DIRS before the first real node on the machine makes them: call it before claimSlot. */
export function recordHostDirs(): void {
  if (existsSync(HOST_RECORD)) return;
  const host: HostBefore = { dirs: Object.fromEntries(HOST_DIRS.map((d) => [d, existsSync(d)])), netnsMount: isMountPoint('/run/netns') };
  writeFileSync(HOST_RECORD, JSON.stringify(host));
}

export interface Slot {
  readonly slot: number;
  readonly netns: string;
  /** Host end of the link: the API server and CoreDNS listen here. */
  readonly hostIp: string;
  /** Node end: the kubelet's address. */
  readonly nodeIp: string;
  readonly podCidr: string;
  readonly cgroup: string;
}

export const slotOf = (slot: number): Slot => ({
  slot,
  netns: `cm-sbx-${slot}`,
  hostIp: `10.245.${slot}.1`,
  nodeIp: `10.245.${slot}.2`,
  podCidr: `10.244.${slot}.0/24`,
  cgroup: `concertmaster-sbx-${slot}`,
});

/** Why this machine cannot run the real node, or undefined when it can. */
export function unavailable(tools: (name: string) => string): string | undefined {
  if (process.getuid?.() !== 0) return 'the real node needs root (containerd, runc, network namespaces and iptables); kind\'s install jobs prove real pods on GitHub';
  for (const t of ['kubelet', 'kube-proxy', 'coredns']) if (!existsSync(tools(t))) return `${tools(t)} is missing: run \`npm run bootstrap -- node\``;
  for (const t of ['/usr/bin/containerd', '/usr/sbin/runc', '/usr/lib/cni/bridge', '/usr/sbin/iptables', '/usr/bin/nsenter']) {
    if (!existsSync(t)) return `${t} is missing: run \`npm run bootstrap -- node\``;
  }
  if (cgroupHierarchies().length === 0) return 'no cgroup hierarchy is mounted under /sys/fs/cgroup';
  return undefined;
}

function must(step: string, cmd: string, args: readonly string[]): string {
  const r = sh(cmd, args);
  if (r.status !== 0) throw new RealNodeError(`${step}: ${cmd} ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Claims a free slot by creating its network namespace (which fails when another sandbox holds it). */
export function claimSlot(): Slot {
  for (let n = 1; n <= MAX_SLOT; n++) {
    const s = slotOf(n);
    if (sh('ip', ['netns', 'add', s.netns]).status === 0) return s;
  }
  throw new RealNodeError(`no free slot: network namespaces cm-sbx-1 to cm-sbx-${MAX_SLOT} all exist (\`ip netns list\`)`);
}

/** The link between the host and the node namespace, and the node's forwarding (its own sysctl). */
export function setUpNetwork(s: Slot): void {
  const host = `cmh${s.slot}`;
  const node = `cmn${s.slot}`;
  const inNode = (...args: string[]) => must('node network', 'ip', ['netns', 'exec', s.netns, ...args]);
  must('veth', 'ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', node]);
  must('veth', 'ip', ['link', 'set', node, 'netns', s.netns]);
  must('host address', 'ip', ['addr', 'add', `${s.hostIp}/30`, 'dev', host]);
  must('host link', 'ip', ['link', 'set', host, 'up']);
  inNode('ip', 'addr', 'add', `${s.nodeIp}/30`, 'dev', node);
  inNode('ip', 'link', 'set', node, 'up');
  inNode('ip', 'link', 'set', 'lo', 'up');
  inNode('sysctl', '-q', '-w', 'net.ipv4.ip_forward=1');
  // The node reaches Services the way pods do: a route for the Service range, which kube-proxy's
  // iptables rules rewrite to a pod; without one a connection from the node fails before them.
  inNode('ip', 'route', 'add', SERVICE_CIDR, 'dev', node);
  // The host reaches pods (port-forward does not need it; tests that curl a pod IP do).
  must('pod route', 'ip', ['route', 'add', s.podCidr, 'via', s.nodeIp, 'dev', host]);
}

/** The cgroup of every real-node process, in every hierarchy (the kubelet's cgroupRoot must exist in all). */
export function createCgroups(s: Slot): void {
  for (const h of cgroupHierarchies()) {
    mkdirSync(join(h, s.cgroup), { recursive: true });
    // cpuset children start empty: copy the parent's CPUs and memory nodes.
    for (const f of ['cpuset.cpus', 'cpuset.mems']) {
      if (existsSync(join(h, f)) && existsSync(join(h, s.cgroup, f))) writeFileSync(join(h, s.cgroup, f), readFileSync(join(h, f), 'utf8'));
    }
  }
}

/** Puts a process (and so its future children) into the slot's cgroup, in every hierarchy. */
export function adopt(s: Slot, pid: number): void {
  for (const h of cgroupHierarchies()) writeFileSync(join(h, s.cgroup, 'cgroup.procs'), String(pid));
}

/** Every process in the slot's cgroups, recursively. */
function pidsIn(s: Slot): number[] {
  const pids = new Set<number>();
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const p of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) pids.add(Number(p));
    for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) walk(join(dir, d.name));
  };
  for (const h of cgroupHierarchies()) walk(join(h, s.cgroup));
  return [...pids];
}

/** Records the kubelet's sysctls before the first real node on the machine changes them. */
export function recordSysctls(): void {
  if (existsSync(SYSCTL_RECORD)) return;
  writeFileSync(SYSCTL_RECORD, JSON.stringify(Object.fromEntries(KUBELET_SYSCTLS.map((k) => [k, readSysctl(k)]))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops everything of the slot and removes what it made: processes (by cgroup), mounts under the
 * sandbox folder, shim sockets and CNI results the runtime wrote outside it, the cgroups, the network
 * namespace (with its bridge, veth and iptables rules), and, when no other real node runs, the sysctls
 * and the HOST_DIRS the first one made.
 */
export async function tearDown(s: Slot, sandboxDir: string, before: { shimSockets: readonly string[]; runContainerd?: boolean; cniCache?: boolean; containerLogs?: boolean }): Promise<void> {
  // The pod sandboxes this node's containerd made: libcni keeps a result file per sandbox outside our folder.
  const sandboxesDir = join(sandboxDir, 'node', 'containerd', 'root', 'io.containerd.grpc.v1.cri', 'sandboxes');
  const podSandboxes = existsSync(sandboxesDir) ? readdirSync(sandboxesDir) : [];
  for (let round = 0; round < 50; round++) {
    const pids = pidsIn(s);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, round < 2 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await sleep(round < 2 ? 1000 : 200);
  }
  const left = pidsIn(s);
  if (left.length > 0) throw new RealNodeError(`processes ${left.join(', ')} of ${s.cgroup} survive SIGKILL`);

  // Mounts under the sandbox folder (rootfs overlays, shm, volumes, pod network namespaces), deepest first.
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n').map((l) => l.split(' ')[4]!).filter((m) => m.startsWith(sandboxDir));
  for (const m of [...new Set(mounts)].sort((a, b) => b.length - a.length)) sh('umount', ['-l', m]);

  // Shim sockets go to /run/containerd/s whatever the configuration says; remove the ones this slot made.
  const shimDir = '/run/containerd/s';
  if (existsSync(shimDir)) for (const f of readdirSync(shimDir)) if (!before.shimSockets.includes(f)) rmSync(join(shimDir, f), { force: true });
  if (before.runContainerd === false) for (const d of [shimDir, '/run/containerd']) if (existsSync(d) && readdirSync(d).length === 0) rmdirSync(d);
  // libcni caches a result per pod sandbox and network under /var/lib/cni/results (ours, and containerd's
  // loopback network's); remove this node's, and the folders if the first real node made them.
  const results = '/var/lib/cni/results';
  if (existsSync(results)) {
    for (const f of readdirSync(results)) if (f.startsWith(`${s.netns}-`) || podSandboxes.some((id) => f.includes(id))) rmSync(join(results, f), { force: true });
    if (before.cniCache === false) for (const d of [results, '/var/lib/cni']) if (existsSync(d) && readdirSync(d).length === 0) rmdirSync(d);
  }

  // The kubelet links every container's log into /var/log/containers, a path no setting moves.
  const logLinks = '/var/log/containers';
  if (existsSync(logLinks)) {
    const ours = join(sandboxDir, 'node', 'kubelet', 'pod-logs') + '/';
    for (const f of readdirSync(logLinks)) {
      try {
        if (readlinkSync(join(logLinks, f)).startsWith(ours)) rmSync(join(logLinks, f), { force: true });
      } catch {
        // not a link: not ours
      }
    }
    if (before.containerLogs === false && readdirSync(logLinks).length === 0) rmdirSync(logLinks);
  }

  for (const h of cgroupHierarchies()) removeCgroupTree(join(h, s.cgroup));
  // The host end of the link goes with the namespace, but asynchronously: remove it now.
  sh('ip', ['link', 'del', `cmh${s.slot}`]);
  sh('ip', ['netns', 'del', s.netns]);
  rmSync(netnsEtc(s), { recursive: true, force: true });
  if (existsSync(NETNS_ETC) && readdirSync(NETNS_ETC).length === 0) rmdirSync(NETNS_ETC);

  const others = sh('ip', ['netns', 'list']).stdout.split('\n').some((l) => /^cm-sbx-\d+/.test(l));
  if (!others && existsSync(SYSCTL_RECORD)) {
    const saved = JSON.parse(readFileSync(SYSCTL_RECORD, 'utf8')) as Record<string, string>;
    for (const [k, v] of Object.entries(saved)) if (readSysctl(k) !== v) writeFileSync(join('/proc/sys', k), v);
    rmSync(SYSCTL_RECORD, { force: true });
  }
  if (!others && existsSync(HOST_RECORD)) {
    removeHostDirs(JSON.parse(readFileSync(HOST_RECORD, 'utf8')) as HostBefore);
    rmSync(HOST_RECORD, { force: true });
  }
}

/** Undoes what the first real node made of HOST_DIRS, once no namespace of anyone's is left in /run/netns. */
function removeHostDirs(host: HostBefore): void {
  const netnsInUse = existsSync('/run/netns') && readdirSync('/run/netns').length > 0;
  if (!host.netnsMount && !netnsInUse && isMountPoint('/run/netns')) sh('umount', ['/run/netns']);
  for (const d of HOST_DIRS) {
    if (host.dirs[d] !== false || !existsSync(d)) continue;
    if (d === '/run/netns' && (netnsInUse || isMountPoint(d))) continue;
    if (KUBELET_OWNED.has(d)) rmSync(d, { recursive: true, force: true });
    else if (readdirSync(d).length === 0) rmdirSync(d);
  }
}

function removeCgroupTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) removeCgroupTree(join(dir, d.name));
  try {
    rmdirSync(dir);
  } catch {
    // a cgroup with a process left cannot go; tearDown has already refused that case
  }
}

export { CGROUP_ROOT };

/** Where `ip netns exec` finds files it mounts over /etc for a namespace's processes. */
const NETNS_ETC = '/etc/netns';
const netnsEtc = (s: Slot) => join(NETNS_ETC, s.netns);

/**
 * The cluster's DNS (the node's CoreDNS) for host programs that `ip netns exec` starts in the node's
 * namespace, such as KEDA's operator, whose scalers dial Services by name. `tearDown` removes it.
 */
export function useClusterDns(s: Slot, namespace: string): void {
  mkdirSync(netnsEtc(s), { recursive: true });
  writeFileSync(join(netnsEtc(s), 'resolv.conf'), `nameserver ${s.hostIp}\nsearch ${namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`);
}

/** The configuration files of the node's daemons, all under `dir`. */
export function writeNodeConfig(s: Slot, dir: string, kubeconfig: string): { containerd: string; kubelet: string; kubeProxy: string; corefile: string; registry: string; resolv: string } {
  for (const d of ['containerd/root', 'containerd/state', 'containerd/opt', 'runc', 'cni/conf', 'cni/ipam', 'kubelet/root', 'kubelet/pod-logs', 'kubelet/volume-plugins', 'registry']) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  const containerd = join(dir, 'containerd/config.toml');
  writeFileSync(
    containerd,
    `version = 2
root = "${dir}/containerd/root"
state = "${dir}/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.internal.v1.tracing", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "${dir}/containerd/containerd.sock"
[ttrpc]
  address = "${dir}/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "${dir}/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${REGISTRY}/concertmaster/pause:catatonit"
  # Root lacks CAP_SYS_RESOURCE in this VM: without this, writing oom_score_adj fails every sandbox.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "/usr/sbin/runc"
        Root = "${dir}/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${dir}/cni/conf"
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."${REGISTRY}"]
    endpoint = ["http://${REGISTRY}"]
`,
  );
  // The bridge lives in the node namespace; no masquerade: pods reach nothing off the machine.
  writeFileSync(
    join(dir, 'cni/conf/10-sandbox.conflist'),
    JSON.stringify({
      cniVersion: '1.0.0',
      name: s.netns,
      plugins: [
        {
          type: 'bridge', bridge: 'cni0', isGateway: true, ipMasq: false, hairpinMode: true,
          ipam: { type: 'host-local', dataDir: join(dir, 'cni/ipam'), ranges: [[{ subnet: s.podCidr }]], routes: [{ dst: `10.245.${s.slot}.0/30` }, { dst: '10.96.0.0/16' }] },
        },
        { type: 'loopback' },
      ],
    }, null, 2),
  );
  const resolv = join(dir, 'resolv.conf');
  writeFileSync(resolv, `nameserver ${s.hostIp}\n`);
  const kubelet = join(dir, 'kubelet/config.yaml');
  writeFileSync(
    kubelet,
    `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${s.nodeIp}
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
# The API server reaches the kubelet on the node's own link only; nothing else can.
authentication:
  anonymous:
    enabled: true
  webhook:
    enabled: false
authorization:
  mode: AlwaysAllow
cgroupDriver: cgroupfs
cgroupRoot: /${s.cgroup}
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://${dir}/containerd/containerd.sock
clusterDNS: [${s.hostIp}]
clusterDomain: cluster.local
resolvConf: ${resolv}
podLogsDir: ${dir}/kubelet/pod-logs
serializeImagePulls: false
maxPods: 60
protectKernelDefaults: false
makeIPTablesUtilChains: true
localStorageCapacityIsolation: true
evictionHard:
  memory.available: 200Mi
  nodefs.available: 2%
  imagefs.available: 2%
# Faster reaction than the defaults, for a test bed: status every 5 s, probes as configured.
nodeStatusUpdateFrequency: 5s
syncFrequency: 10s
fileCheckFrequency: 10s
imageMinimumGCAge: 24h
imageGCHighThresholdPercent: 100
registerNode: true
registerWithTaints:
  - key: ${NODE_LABEL}
    value: real
    effect: NoSchedule
`,
  );
  const kubeProxy = join(dir, 'kube-proxy.yaml');
  writeFileSync(
    kubeProxy,
    `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: ${kubeconfig}
mode: iptables
clusterCIDR: ${s.podCidr}
hostnameOverride: ${NODE_NAME}
bindAddress: ${s.nodeIp}
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# Leave the host's conntrack limits alone.
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
`,
  );
  // Cluster names only: no forward plugin, so names off the machine do not resolve.
  const corefile = join(dir, 'Corefile');
  writeFileSync(
    corefile,
    `.:53 {
    bind ${s.hostIp}
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig ${kubeconfig} sandbox
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    cache 5
}
`,
  );
  const registry = join(dir, 'registry.yml');
  writeFileSync(registry, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\nhttp:\n  addr: ${REGISTRY}\n`);
  return { containerd, kubelet, kubeProxy, corefile, registry, resolv };
}

/** Seeds the node's registry with the images `npm run images` pushed into the per-user cache (hard links). */
export function seedRegistry(store: string, dir: string): void {
  if (!existsSync(join(store, 'docker'))) throw new RealNodeError(`no images in ${store}: run \`npm run images\``);
  const r = spawnSync('cp', ['-al', join(store, 'docker'), join(dir, 'registry', 'docker')]);
  if (r.status !== 0) cpSync(join(store, 'docker'), join(dir, 'registry', 'docker'), { recursive: true });
}
