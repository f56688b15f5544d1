/** The dr chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { operatorUses } from '../../suite/operators.js';
import { truthy } from '../../core/rules.js';
import { objectStoreCredentials } from '../_shared/secrets.js';
import { drModel, drRules } from './model.js';

export const drChart = {
  name: 'dr',
  description: 'Disaster recovery for ConcertMaster: the peer regions\' object stores for a CloudNativePG replica cluster; settings in global.dr.',
  keywords: ['concertmaster', 'disaster-recovery', 'cloudnative-pg'],
  model: drModel,
  rules: drRules,
  secretUses: [objectStoreCredentials(truthy('global.dr.enabled'))],
  operatorUses: operatorUses('barman', truthy('global.dr.enabled'), 'barmancloud.cnpg.io/v1/ObjectStore'),
  images: [],
} satisfies SubchartSpec;
