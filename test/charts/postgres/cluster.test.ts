/** The CloudNativePG Cluster (cnpg mode): image, WAL volume and scheduling. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const CNPG = ['--set', 'mode=cnpg'];

settingCases('postgres', 'cluster.yaml', [
  {
    it: 'image: registry, repository and tag make imageName; pull policy',
    set: [...CNPG, '--set', 'image.registry=mirror.example.com', '--set', 'image.repository=cnpg/postgresql', '--set', 'image.tag=17.7', '--set', 'image.pullPolicy=Always'],
    expect: (objects) => expect(one(objects, 'Cluster').spec).toMatchObject({ imageName: 'mirror.example.com/cnpg/postgresql:17.7', imagePullPolicy: 'Always' }),
  },
  {
    it: 'image.digest wins over the tag',
    set: [...CNPG, '--set', `image.digest=sha256:${'f'.repeat(64)}`],
    expect: (objects) => expect(one(objects, 'Cluster').spec.imageName).toBe(`ghcr.io/cloudnative-pg/postgresql@sha256:${'f'.repeat(64)}`),
  },
  {
    it: 'walStorage gives the WAL its own volume, of its size and class',
    set: [...CNPG, '--set', 'walStorage.enabled=true', '--set', 'walStorage.size=20Gi', '--set', 'walStorage.storageClass=gp3-wal'],
    expect: (objects) => expect(one(objects, 'Cluster').spec.walStorage).toEqual({ size: '20Gi', storageClass: 'gp3-wal' }),
  },
  {
    it: 'priorityClassName, and the affinity\'s node affinity beside the operator\'s zone spread',
    set: [...CNPG, '--set', 'priorityClassName=database', '--set-json', 'affinity={"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"node.example.com/pool","operator":"In","values":["db"]}]}]}}}'],
    expect: (objects) => {
      const spec = one(objects, 'Cluster').spec;
      expect(spec.priorityClassName).toBe('database');
      expect(spec.affinity).toMatchObject({
        enablePodAntiAffinity: true,
        topologyKey: 'topology.kubernetes.io/zone',
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.example.com/pool', operator: 'In', values: ['db'] }] }] } },
      });
    },
  },
  {
    it: 'nameOverride changes the name label and the Cluster\'s name after the release',
    set: [...CNPG, '--set', 'nameOverride=db'],
    expect: (objects) => expect(one(objects, 'Cluster').metadata.name).toBe('concertmaster-db'),
  },
  {
    it: 'enabled=false renders nothing from the chart',
    set: [...CNPG, '--set', 'enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(objects).toEqual([]),
  },
]);
