/** The workers chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { operatorUses } from '../../suite/operators.js';
import { all, truthy } from '../../core/rules.js';
import { clientSecrets } from '../_shared/secrets.js';
import { workersModel, workersRules } from './model.js';

export const workersChart = {
  name: 'workers',
  description: 'ConcertMaster Celery worker pools: a Deployment per queue, KEDA or HPA autoscaling, graceful shutdown, optional beat.',
  keywords: ['concertmaster', 'celery', 'workers', 'keda'],
  model: workersModel,
  rules: workersRules,
  secretUses: clientSecrets,
  operatorUses: operatorUses('keda', all(truthy('autoscaling.enabled'), truthy('autoscaling.keda')), 'keda.sh/v1alpha1/ScaledObject', 'keda.sh/v1alpha1/TriggerAuthentication'),
  images: [{ name: 'worker', valuesPath: ['image'] }],
} satisfies SubchartSpec;
