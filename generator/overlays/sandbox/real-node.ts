/**
 * real-node: layered after dev and a region, it runs the dev stack in real containers on the sandbox's
 * real node (npm start, test/sandbox/real-node.test.ts): the images `npm run images` builds, from the
 * node's own registry on 127.0.0.1:5000, and every pod on the real node, which the kwok nodes' pods never
 * reach (its taint). Not for a real cluster: these images exist only in the sandbox.
 */
import type { IToleration } from 'kubernetes-models/v1';
import type { UmbrellaOverlay } from '../../suite/suite.js';

/** The real node's label and taint (sandbox/real-node.ts): every workload selects and tolerates them. */
const onRealNode: { nodeSelector: Record<string, string>; tolerations: IToleration[] } = {
  nodeSelector: { 'concertmaster.io/sandbox-node': 'real' },
  tolerations: [{ key: 'concertmaster.io/sandbox-node', operator: 'Equal', value: 'real', effect: 'NoSchedule' }],
};
/**
 * Requests small enough for two dev stacks on a 2-core node (the tests install one per Helm version);
 * limits as dev's, so nothing is starved.
 */
const small = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: { cpu: '500m', memory: '512Mi' } });
/** The reference app (app/): the API, the workers and the migrations share it. */
const app = { repository: 'concertmaster/app', tag: 'sandbox', pullPolicy: 'Always' } as const;

export const realNode = {
  global: { imageRegistry: '127.0.0.1:5000' },
  api: {
    ...onRealNode,
    image: app,
    resources: small('50m', '128Mi'),
    migrations: { resources: small('50m', '128Mi') },
    tests: { image: { repository: 'concertmaster/curl', tag: 'bookworm' } },
  },
  workers: {
    ...onRealNode,
    image: app,
    pools: {
      default: { concurrency: 2, replicas: 1, resources: small('50m', '192Mi') },
      'high-priority': { concurrency: 2, replicas: 1, resources: small('50m', '192Mi') },
    },
  },
  postgres: { ...onRealNode, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } }, standaloneImage: { repository: 'concertmaster/postgres', tag: '15-bookworm' } },
  redis: {
    ...onRealNode,
    resources: small('50m', '64Mi'),
    image: { repository: 'concertmaster/redis', tag: '7.0-bookworm' },
    metrics: { image: { repository: 'concertmaster/redis-exporter', tag: 'v1.74.0' } },
  },
} satisfies UmbrellaOverlay;
