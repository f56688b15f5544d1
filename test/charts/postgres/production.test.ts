/** The postgres chart in the suite: production's CloudNativePG primary with its backups, pooler and VPA, dev's StatefulSet, and its refusals. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, helm, named, render, templateArgs, type K8sObject } from '../../support/helm.js';

const prod = (region: string) => ['values/env/production.yaml', `values/region/${region}.yaml`];
const cluster = (objects: readonly K8sObject[]) => named(objects, 'Cluster', 'concertmaster-postgres');

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1: the primary', () => {
    const objects = render(bin, 'charts/concertmaster', prod('us-east-1'));
    const spec = cluster(objects).spec;

    it('3 instances with the plan\'s 8 parameters, resources and 500Gi on fast-ssd, spread over zones', () => {
      expect(spec.instances).toBe(3);
      expect(spec.postgresql.parameters).toEqual({
        max_connections: '500',
        shared_buffers: '2GB',
        effective_cache_size: '8GB',
        work_mem: '32MB',
        maintenance_work_mem: '512MB',
        wal_buffers: '64MB',
        checkpoint_completion_target: '0.9',
        random_page_cost: '1.1',
        archive_timeout: '30s',
      });
      expect(spec.resources).toEqual({ requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi' } });
      expect(spec.storage).toEqual({ size: '500Gi', storageClass: 'fast-ssd' });
      expect(spec.affinity).toEqual({ enablePodAntiAffinity: true, topologyKey: 'topology.kubernetes.io/zone', podAntiAffinityType: 'required' });
    });

    it('starts empty with database and owner concertmaster, and is the primary of the topology', () => {
      expect(spec.bootstrap).toEqual({ initdb: { database: 'concertmaster', owner: 'concertmaster', secret: { name: 'concertmaster-db-credentials' } } });
      expect(spec.replica).toEqual({ self: 'us-east-1', primary: 'us-east-1', source: 'us-east-1' });
    });

    it('archives WAL and backs up to s3://concertmaster-backups/postgres/us-east-1, kept 30 days, daily', () => {
      expect(spec.plugins).toEqual([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'concertmaster-postgres-us-east-1' } }]);
      const store = named(objects, 'ObjectStore', 'concertmaster-postgres-us-east-1').spec;
      expect(store.retentionPolicy).toBe('30d');
      expect(store.configuration.destinationPath).toBe('s3://concertmaster-backups/postgres/us-east-1');
      expect(store.configuration.s3Credentials).toEqual({
        accessKeyId: { name: 'backup-credentials', key: 'ACCESS_KEY_ID' },
        secretAccessKey: { name: 'backup-credentials', key: 'SECRET_ACCESS_KEY' },
      });
      expect(named(objects, 'ScheduledBackup', 'concertmaster-postgres-daily').spec).toEqual({
        schedule: '0 0 3 * * *',
        backupOwnerReference: 'self',
        method: 'plugin',
        pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
        cluster: { name: 'concertmaster-postgres' },
      });
    });

    it('pools connections with PgBouncer in transaction mode, and the API and workers use it', () => {
      expect(named(objects, 'Pooler', 'concertmaster-postgres-pooler-rw').spec.pgbouncer.poolMode).toBe('transaction');
      for (const d of byKind(objects, 'Deployment').filter((d) => /-(api|workers-.*)$/.test(d.metadata.name))) {
        const env = d.spec.template.spec.containers[0].env;
        expect({ d: d.metadata.name, host: env.find((e: { name: string }) => e.name === 'DATABASE_HOST')?.value }).toEqual({
          d: d.metadata.name,
          host: 'concertmaster-postgres-pooler-rw',
        });
      }
    });

    it('recommends resources with a VPA on the Cluster, within the plan\'s bounds, and never evicts', () => {
      expect(named(objects, 'VerticalPodAutoscaler', 'concertmaster-postgres').spec).toEqual({
        targetRef: { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', name: 'concertmaster-postgres' },
        updatePolicy: { updateMode: 'Off' },
        resourcePolicy: { containerPolicies: [{ containerName: 'postgres', minAllowed: { cpu: '2', memory: '8Gi' }, maxAllowed: { cpu: '8', memory: '32Gi' } }] },
      });
    });

    it('is scraped through a PodMonitor', () => {
      expect(named(objects, 'PodMonitor', 'concertmaster-postgres').spec.selector.matchLabels['cnpg.io/cluster']).toBe('concertmaster-postgres');
    });
  });

  describe('dev: a StatefulSet from the official image', () => {
    const objects = render(bin, 'charts/concertmaster', ['values/env/dev.yaml', 'values/region/us-east-1.yaml']);
    const sts = named(objects, 'StatefulSet', 'concertmaster-postgres');
    const pg = sts.spec.template.spec.containers[0];

    it('runs PostgreSQL 17 with a pg_isready readiness probe, a TCP liveness probe and a volume', () => {
      expect(pg.image).toBe('docker.io/library/postgres:17.6');
      expect(pg.readinessProbe.exec.command[2]).toContain('pg_isready');
      // Liveness only asks whether the server listens: pg_isready fails during crash recovery, when a
      // restart would only start the recovery again (errata).
      expect(pg.livenessProbe.tcpSocket).toEqual({ port: 'postgres' });
      expect(sts.spec.volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '1Gi' } });
    });

    it('creates the Secret CloudNativePG would, with a generated password kept by lookup', () => {
      const secret = named(objects, 'Secret', 'concertmaster-postgres-app');
      expect(Object.keys(secret['stringData']).sort()).toEqual(['dbname', 'host', 'password', 'port', 'uri', 'username']);
      expect(secret['stringData'].password).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(secret['stringData'].host).toBe('concertmaster-postgres-rw');
      expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    });

    it('serves -rw and -ro, the Service names CloudNativePG uses', () => {
      for (const s of ['rw', 'ro']) expect(named(objects, 'Service', `concertmaster-postgres-${s}`).spec.selector).toEqual(sts.spec.selector.matchLabels);
    });

    it('admits only the API (with its migration Job) and the workers', () => {
      const np = named(objects, 'NetworkPolicy', 'concertmaster-postgres');
      expect(np.spec.ingress).toEqual([
        {
          from: [{ podSelector: { matchExpressions: [
            { key: 'app.kubernetes.io/instance', operator: 'In', values: ['concertmaster'] },
            { key: 'app.kubernetes.io/name', operator: 'In', values: ['api', 'workers'] },
          ] } }],
          ports: [{ port: 5432, protocol: 'TCP' }],
        },
      ]);
    });

    it('uses global.postgresql.credentialsSecret instead of generating one', () => {
      const own = render(bin, 'charts/concertmaster', ['values/env/dev.yaml'], ['--set', 'global.postgresql.credentialsSecret=mine']);
      expect(byKind(own, 'Secret').map((s) => s.metadata.name)).toEqual(['concertmaster-redis']);
      expect(named(own, 'StatefulSet', 'concertmaster-postgres').spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name).toBe('mine');
    });
  });

  it.each([
    [['--set', 'global.postgresql.pooler=true'], 'mode must be "cnpg" with global.postgresql.pooler'],
    [['--set', 'global.dr.enabled=true', '--set', 'global.region=us-east-1'], 'mode must be "cnpg" with global.dr.enabled'],
    [['--set', 'mode=cnpg', '--set', 'backup.enabled=true'], 'global.region must be set with backup.enabled'],
    [['--set', 'mode=cnpg', '--set', 'backup.enabled=true', '--set', 'global.region=eu-west-1', '--set', 'global.dr.enabled=true'], 'global.region ("eu-west-1") must be one of global.dr.regions'],
  ])('the postgres chart on its own refuses %j', (args, message) => {
    const r = helm(bin, templateArgs('charts/postgres', [], args));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
  });
});
