/** The postgres chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { operatorUses } from '../../suite/operators.js';
import { all, equals, truthy } from '../../core/rules.js';
import { databaseCredentials, objectStoreCredentials } from '../_shared/secrets.js';
import { postgresModel, postgresRules } from './model.js';

const cnpg = equals('mode', 'cnpg');
const backups = all(cnpg, truthy('backup.enabled'));

export const postgresChart = {
  name: 'postgres',
  description: 'PostgreSQL for ConcertMaster: a CloudNativePG Cluster with backups, pooling and cross-region replicas, or a StatefulSet on bare clusters.',
  keywords: ['concertmaster', 'postgresql', 'cloudnative-pg'],
  model: postgresModel,
  rules: postgresRules,
  secretUses: [databaseCredentials, objectStoreCredentials(backups)],
  operatorUses: [
    ...operatorUses('cnpg', cnpg, 'postgresql.cnpg.io/v1/Cluster'),
    ...operatorUses('cnpg', all(cnpg, truthy('global.postgresql.pooler')), 'postgresql.cnpg.io/v1/Pooler'),
    ...operatorUses('cnpg', backups, 'postgresql.cnpg.io/v1/ScheduledBackup'),
    ...operatorUses('barman', backups, 'barmancloud.cnpg.io/v1/ObjectStore'),
    ...operatorUses('prometheus', all(cnpg, truthy('podMonitor')), 'monitoring.coreos.com/v1/PodMonitor'),
    ...operatorUses('vpa', all(cnpg, truthy('verticalPodAutoscaler.enabled')), 'autoscaling.k8s.io/v1/VerticalPodAutoscaler'),
  ],
  images: [
    { name: 'postgresql-cnpg', valuesPath: ['image'] },
    { name: 'postgresql', valuesPath: ['standaloneImage'] },
  ],
} satisfies SubchartSpec;
