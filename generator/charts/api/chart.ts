/** The api chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { clientSecrets } from '../_shared/secrets.js';
import { apiModel, apiRules } from './model.js';

export const apiChart = {
  name: 'api',
  description: 'The ConcertMaster HTTP API: Deployment, Service, autoscaling, disruption budget, network policy and migrations.',
  keywords: ['concertmaster', 'api', 'workflows', 'forms'],
  model: apiModel,
  rules: apiRules,
  secretUses: clientSecrets,
  images: [
    { name: 'api', valuesPath: ['image'] },
    { name: 'api-test', valuesPath: ['tests', 'image'] },
  ],
} satisfies SubchartSpec;
