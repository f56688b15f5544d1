/**
 * The one drain rule of every disruption budget (keepsFewerThan, generator/core/rules.ts): a minAvailable
 * must keep fewer pods than the budget covers, a percentage counted as the eviction API counts it (of the
 * pods, rounded up). Table-driven: each case is judged by the TypeScript check and by the emitted Helm
 * check, in a chart of its own under both helms, and the three verdicts and messages must agree.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { helmChecks, keepsFewerThan, violations } from '../../generator/core/rules.js';
import { HELMS, helm } from '../support/helm.js';
import { tempDir } from '../support/tmp.js';

const byPath = keepsFewerThan('t-pods', 'budget.minAvailable', 'replicas', { why: 'a drain must evict one' });
const onePod = keepsFewerThan('t-one', 'single.minAvailable', 1, { why: 'it runs one pod' });

const chart = tempDir('drain-rule');
mkdirSync(join(chart, 'templates'));
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
writeFileSync(join(chart, 'templates', 'checks.yaml'), helmChecks('t', [{ section: '', rules: [byPath, onePod] }]));

// [replicas, budget.minAvailable, single.minAvailable, the message, or undefined where the values pass]
const CASES: [number, number | string, number | string, string | undefined][] = [
  [2, '50%', '', undefined],
  [2, '51%', '', 'budget.minAvailable ("51%") keeps every pod of replicas (2): a drain must evict one'],
  [3, '66%', '', undefined],
  [3, '67%', '', 'budget.minAvailable ("67%") keeps every pod of replicas (3): a drain must evict one'],
  [5, 4, '', undefined],
  [5, 5, '', 'budget.minAvailable ("5") keeps every pod of replicas (5): a drain must evict one'],
  [5, 6, '', 'budget.minAvailable ("6") keeps every pod of replicas (5): a drain must evict one'],
  // No pods, nothing to drain; an empty or zero minAvailable keeps none.
  [0, 3, '', undefined],
  [1, '', 0, undefined],
  [1, 0, '0%', undefined],
  [1, '', '1%', 'single.minAvailable ("1%") keeps the one pod: it runs one pod'],
  [1, '', 1, 'single.minAvailable ("1") keeps the one pod: it runs one pod'],
];

describe.each(CASES)('replicas %p, minAvailable %p, one-pod minAvailable %p', (replicas, minAvailable, single, message) => {
  const values = { replicas, budget: { minAvailable }, single: { minAvailable: single } };

  it('TypeScript', () => expect(violations([byPath, onePod], values, {})).toEqual(message === undefined ? [] : [message]));

  it.each(HELMS)('$name', ({ bin }) => {
    const file = join(tempDir('drain-values'), 'values.yaml');
    writeFileSync(file, stringify(values));
    const r = helm(bin, ['template', 'x', chart, '-f', file]);
    if (message === undefined) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } else {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`invalid values for the t chart:\n  ${message}\n`);
    }
  });
});
