/** Suite-wide settings under global: where the suite finds its data stores and collector, storage, and the regions. */
import { expect } from '@jest/globals';
import { byKind, named, one, type K8sObject } from '../../support/helm.js';
import { container, settingCases } from '../../support/settings.js';

const apiEnv = (objects: readonly K8sObject[]) => Object.fromEntries(container(named(objects, 'Deployment', 'concertmaster-api')).env.map((e: any) => [e.name, e.value]));
const PRODUCTION = (region: string) => ['values/env/production.yaml', `values/region/${region}.yaml`];

settingCases('concertmaster', 'charts/api/templates/deployment.yaml', [
  {
    it: 'global.postgresql and global.redis point the API at an external database and Redis',
    set: ['--set', 'global.postgresql.host=db.example.com', '--set', 'global.postgresql.port=6432', '--set', 'global.postgresql.database=forms', '--set', 'global.redis.host=cache.example.com', '--set', 'global.redis.port=6380'],
    expect: (objects) =>
      expect(apiEnv(objects)).toMatchObject({
        DATABASE_HOST: 'db.example.com',
        DATABASE_PORT: '6432',
        DATABASE_NAME: 'forms',
        CELERY_BROKER_HOST: 'cache.example.com',
        REDIS_HOST: 'cache.example.com',
        REDIS_PORT: '6380',
      }),
  },
  {
    it: 'global.tracing.endpoint is where the API sends its traces',
    set: ['--set', 'global.tracing.enabled=true', '--set', 'global.tracing.endpoint=http://tempo.tracing:4317'],
    expect: (objects) => expect(apiEnv(objects).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://tempo.tracing:4317'),
  },
]);

settingCases('concertmaster', 'charts/postgres/templates/statefulset.yaml', [
  {
    it: 'global.storageClass is the class of every claim',
    set: ['--set', 'global.storageClass=fast-ssd'],
    expect: (objects) => expect(one(objects, 'StatefulSet').spec.volumeClaimTemplates[0].spec.storageClassName).toBe('fast-ssd'),
  },
]);

settingCases('concertmaster', 'charts/dr/templates/objectstore.yaml', [
  {
    it: 'global.dr.regions: an ObjectStore for every peer region; global.objectStore.credentialsSecret holds their keys',
    files: PRODUCTION('us-east-1'),
    set: ['--set', 'global.dr.regions={us-east-1,us-west-2,eu-west-1}', '--set', 'global.objectStore.credentialsSecret=forms-backup-keys'],
    expect: (objects) => {
      const stores = byKind(objects, 'ObjectStore');
      expect(stores.map((s) => s.metadata.name)).toEqual(['concertmaster-postgres-us-west-2', 'concertmaster-postgres-eu-west-1']);
      for (const s of stores) expect(s.spec.configuration.s3Credentials.accessKeyId).toEqual({ name: 'forms-backup-keys', key: 'ACCESS_KEY_ID' });
    },
  },
  {
    it: 'dr.enabled=false leaves out the peer regions\' ObjectStores',
    files: PRODUCTION('us-east-1'),
    set: ['--set', 'dr.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'ObjectStore').map((s) => s.metadata.name)).toEqual(['concertmaster-postgres-us-east-1']),
  },
]);

settingCases('concertmaster', 'charts/postgres/templates/cluster.yaml', [
  {
    it: 'global.dr.homeRegion: its cluster was created empty; another region\'s is restored from it',
    files: PRODUCTION('us-west-2'),
    set: ['--set', 'global.dr.homeRegion=us-west-2'],
    expect: (objects) => expect(Object.keys(one(objects, 'Cluster').spec.bootstrap)).toEqual(['initdb']),
  },
  {
    it: 'with the overlays\' home region (us-east-1), us-west-2\'s cluster is restored from it',
    files: PRODUCTION('us-west-2'),
    set: [],
    expect: (objects) => expect(one(objects, 'Cluster').spec.bootstrap.recovery).toMatchObject({ source: 'us-east-1' }),
  },
]);
