/**
 * How many nodes of one instance profile a scale needs. The rule, simple and stated in the report:
 * 1. workers go to a node group of their own (spot-capable), everything else to an on-demand group;
 * 2. each component's pods are dealt round-robin over the zones (the topology spread), starting one zone
 *    further for each component so that singletons do not all land in the first zone;
 * 3. within a zone, pods are packed first-fit by decreasing CPU request onto nodes whose room is the
 *    profile's allocatable less the DaemonSets' requests.
 * A component whose pods must each have a zone of their own (PostgreSQL with required anti-affinity)
 * and has more pods than zones, or a pod larger than a node, is reported as unschedulable.
 */
import type { Assumptions } from './assumptions.js';
import { podsAt, type Component, type Scale } from './footprint.js';

export interface Packing {
  /** Nodes per group: the on-demand group and the spot-capable workers' group. */
  readonly onDemandNodes: number;
  readonly spotNodes: number;
  /** Sum of the packed pods' requests over the sum of the nodes' allocatable (CPU and memory). */
  readonly cpuFill: number;
  readonly memoryFill: number;
  readonly unschedulable: readonly string[];
}

interface PodSize { readonly owner: string; readonly cpu: number; readonly memory: number }

export function pack(cs: readonly Component[], scale: Scale | ((c: Component) => number), zones: number, a: Assumptions): Packing {
  const room = { cpu: a.instance.allocatableCpu - a.daemonSetPerNode.cpu, memory: a.instance.allocatableMemory - a.daemonSetPerNode.memory };
  const unschedulable: string[] = [];
  const z = Math.max(1, zones);
  const groups = { onDemand: Array.from({ length: z }, () => [] as PodSize[]), spot: Array.from({ length: z }, () => [] as PodSize[]) };
  cs.forEach((c, index) => {
    const n = podsAt(c, scale);
    if (c.onePerZone && n > z) unschedulable.push(`${c.name}: ${n} pods need a zone each, but ${z} zones are configured`);
    if (c.requests.cpu > room.cpu || c.requests.memory > room.memory) {
      unschedulable.push(`${c.name}: a pod requests more than a ${a.instance.name} node has room for`);
      return;
    }
    for (let i = 0; i < n; i++) (c.spot ? groups.spot : groups.onDemand)[(index + i) % z]!.push({ owner: c.name, cpu: c.requests.cpu, memory: c.requests.memory });
  });
  let used = { cpu: 0, memory: 0 };
  const count = (zonesPods: PodSize[][]) =>
    zonesPods.reduce((total, pods) => {
      const nodes: { cpu: number; memory: number }[] = [];
      for (const p of [...pods].sort((x, y) => y.cpu - x.cpu || y.memory - x.memory)) {
        let node = nodes.find((nd) => nd.cpu + p.cpu <= room.cpu + 1e-9 && nd.memory + p.memory <= room.memory);
        if (!node) nodes.push((node = { cpu: 0, memory: 0 }));
        node.cpu += p.cpu;
        node.memory += p.memory;
        used = { cpu: used.cpu + p.cpu, memory: used.memory + p.memory };
      }
      return total + nodes.length;
    }, 0);
  const onDemandNodes = count(groups.onDemand);
  const spotNodes = count(groups.spot);
  const nodes = onDemandNodes + spotNodes;
  return {
    onDemandNodes,
    spotNodes,
    cpuFill: nodes ? used.cpu / (nodes * a.instance.allocatableCpu) : 0,
    memoryFill: nodes ? used.memory / (nodes * a.instance.allocatableMemory) : 0,
    unschedulable,
  };
}
