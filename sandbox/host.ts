/**
 * What a sandbox may change on the host, read back: processes, mounts, network namespaces, links,
 * iptables rules, cgroups and the sysctls a kubelet sets. `down` must leave every one of these as `up`
 * found it; test/sandbox/real-node.test.ts compares a snapshot taken before `up` with one after `down`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The host settings a kubelet writes at start (protectKernelDefaults: false), restored by `down`. */
export const KUBELET_SYSCTLS = ['vm/overcommit_memory', 'vm/panic_on_oom', 'kernel/panic', 'kernel/panic_on_oops', 'kernel/keys/root_maxkeys', 'kernel/keys/root_maxbytes'] as const;

export const CGROUP_ROOT = '/sys/fs/cgroup';

export function sh(cmd: string, args: readonly string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...(input !== undefined && { input }), maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

export const readSysctl = (key: string) => readFileSync(join('/proc/sys', key), 'utf8').trim();

/** The cgroup v1 hierarchies (and the unified one) mounted on this host: folders under /sys/fs/cgroup. */
export function cgroupHierarchies(): string[] {
  if (!existsSync(CGROUP_ROOT)) return [];
  return readdirSync(CGROUP_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(CGROUP_ROOT, d.name, 'cgroup.procs')))
    .map((d) => join(CGROUP_ROOT, d.name));
}

export interface HostSnapshot {
  readonly mounts: readonly string[];
  readonly netns: readonly string[];
  readonly links: readonly string[];
  readonly iptables: readonly string[];
  readonly cgroups: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  readonly files: readonly string[];
}

/** Files outside the sandbox folder that a container runtime writes unless told otherwise. */
const RUNTIME_PATHS = ['/run/containerd/s', '/var/lib/cni/results', '/var/lib/cni/networks', '/var/run/netns', '/var/lib/kubelet', '/var/log/pods', '/var/log/containers', '/usr/libexec/kubernetes'];

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((f) => `${dir}/${f}`) : []);

export function snapshot(): HostSnapshot {
  // Mount IDs change; what is mounted where does not.
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n').map((l) => {
    const f = l.split(' ');
    return `${f[4]} ${f[f.indexOf('-') + 1]}`;
  });
  // Rules and chains, without the comments and the packet counters, which change by themselves.
  const iptables = ['iptables-save', 'ip6tables-save'].flatMap((t) =>
    sh(t, []).stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/\s*\[\d+:\d+\]/, '')),
  );
  return {
    mounts: mounts.sort(),
    netns: sh('ip', ['netns', 'list']).stdout.trim().split('\n').filter(Boolean).map((l) => l.split(' ')[0]!).sort(),
    links: sh('ip', ['-o', 'link']).stdout.trim().split('\n').map((l) => l.split(':')[1]!.trim().split('@')[0]!).sort(),
    iptables,
    cgroups: cgroupHierarchies().flatMap((h) => readdirSync(h, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${h}/${d.name}`)).sort(),
    sysctls: Object.fromEntries(KUBELET_SYSCTLS.map((k) => [k, readSysctl(k)])),
    files: RUNTIME_PATHS.flatMap(listing).sort(),
  };
}

/** Processes whose command line mentions `marker` (a sandbox folder): what `down` must have stopped. */
export function processesMentioning(marker: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (cmd.includes(marker) && Number(pid) !== process.pid) out.push(`${pid} ${cmd}`);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
