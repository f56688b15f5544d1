/** checkov over the rendered dev and production manifests: no failed check, skips only as written down. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm, HELMS, templateArgs } from '../support/helm.js';
import { REPO, tool } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

interface CheckovReport {
  summary: { passed: number; failed: number; skipped: number };
  results: { failed_checks: { check_id: string; resource: string; check_name: string }[] };
}

describe.each(['dev', 'production'])('checkov on the %s × us-east-1 render', (env) => {
  it('finds no failed check', () => {
    const dir = tempDir(`checkov-${env}`);
    const r = helm(HELMS[0].bin, templateArgs('charts/concertmaster', [`values/env/${env}.yaml`, 'values/region/us-east-1.yaml']));
    expect(r.status).toBe(0);
    writeFileSync(join(dir, `${env}.yaml`), r.stdout);
    const c = spawnSync(tool('checkov'), ['--config-file', '.checkov.yaml', '-d', dir, '-o', 'json'], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(c.stdout) as CheckovReport;
    const failed = report.results.failed_checks.map((f) => `${f.check_id} ${f.resource}: ${f.check_name}`);
    expect(failed).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(100);
  });
});
