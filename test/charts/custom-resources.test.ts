/** Every custom resource of every staging and production render is valid against the operators' CRDs. */
import { describe, expect, it } from '@jest/globals';
import { HELMS, render } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';
import { validateCustomResource } from '../support/crd-validate.js';

const BUILT_IN = /^(v1|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v2|networking\.k8s\.io\/v1)$/;
const MESH_AND_OBSERVABILITY = [
  'AuthorizationPolicy', 'AuthorizationPolicy', 'AuthorizationPolicy', 'DestinationRule', 'Gateway', 'OpenTelemetryCollector',
  // PgBouncer's and the operator's Redis pods' PodMonitors; the API's and the Celery exporter's ServiceMonitors.
  'PeerAuthentication', 'PeerAuthentication', 'PodMonitor', 'PodMonitor', 'PrometheusRule', 'ServiceMonitor', 'ServiceMonitor', 'VirtualService',
];
const KINDS: Record<string, string[]> = {
  staging: [...MESH_AND_OBSERVABILITY, 'Cluster', 'ObjectStore', 'Pooler', 'Redis', 'RedisCluster', 'ScaledObject', 'ScaledObject', 'ScheduledBackup', 'TriggerAuthentication'].sort(),
  production: [
    ...MESH_AND_OBSERVABILITY, 'Cluster', 'ObjectStore', 'ObjectStore', 'PodMonitor', 'Pooler', 'Redis', 'RedisCluster', 'ScaledObject', 'ScaledObject',
    'ScheduledBackup', 'TriggerAuthentication', 'VerticalPodAutoscaler',
  ].sort(),
};

describe.each(HELMS)('$name', ({ bin }) => {
  describe.each(COMBOS.filter((c) => c.env !== 'dev'))('custom resources of $env × $region', ({ env, files }) => {
    const custom = render(bin, 'charts/concertmaster', files).filter((o) => !BUILT_IN.test(o.apiVersion));

    it('are the expected kinds, each valid against its CRD', () => {
      expect(custom.map((o) => o.kind).sort()).toEqual(KINDS[env]);
      for (const o of custom) validateCustomResource(o);
    });
  });
});

describe.each(HELMS)('$name: backups through the pods\' IAM role (global.objectStore.credentials iam)', ({ bin }) => {
  const ROLE = 'arn:aws:iam::123456789012:role/concertmaster-backups';
  const objects = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-west-2.yaml'], [
    '--set', 'global.objectStore.credentials=iam', '--set-string', `postgres.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=${ROLE}`,
  ]);

  it('every ObjectStore inherits the role, the Cluster\'s ServiceAccount carries it, each valid against its CRD', () => {
    const stores = objects.filter((o) => o.kind === 'ObjectStore');
    expect(stores.map((o) => o.spec.configuration.s3Credentials)).toEqual([{ inheritFromIAMRole: true }, { inheritFromIAMRole: true }]);
    const cluster = objects.find((o) => o.kind === 'Cluster')!;
    expect(cluster.spec.serviceAccountTemplate).toEqual({ metadata: { annotations: { 'eks.amazonaws.com/role-arn': ROLE } } });
    for (const o of [...stores, cluster]) validateCustomResource(o);
  });

  it('no object names the static keys\' Secret', () => {
    expect(objects.filter((o) => JSON.stringify(o).includes('backup-credentials')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });
});
