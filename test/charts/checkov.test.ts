/**
 * checkov over the rendered dev and production manifests: no failed check, skips only as written down.
 * One checkov run scans both renders: loading its policies is most of its cost.
 */
import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm, HELMS, parseManifests, templateArgs } from '../support/helm.js';
import { REPO, tool } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

interface CheckovReport {
  summary: { passed: number; failed: number; skipped: number; resource_count: number };
  results: { failed_checks: { check_id: string; resource: string; check_name: string; file_path: string }[] };
}

const ENVS = ['dev', 'production'];

it(`checkov on the ${ENVS.join(' and ')} × us-east-1 renders finds no failed check`, () => {
  const dir = tempDir('checkov');
  const counts: number[] = [];
  for (const env of ENVS) {
    const r = helm(HELMS[0].bin, templateArgs('charts/concertmaster', [`values/env/${env}.yaml`, 'values/region/us-east-1.yaml']));
    expect(r.status).toBe(0);
    writeFileSync(join(dir, `${env}.yaml`), r.stdout);
    counts.push(parseManifests(r.stdout).length);
  }
  const c = spawnSync(tool('checkov'), ['--config-file', '.checkov.yaml', '-d', dir, '-o', 'json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(c.stdout) as CheckovReport;
  const failed = report.results.failed_checks.map((f) => `${f.file_path} ${f.check_id} ${f.resource}: ${f.check_name}`);
  expect(failed).toEqual([]);
  // Both renders were scanned: more resources than the larger one has, and passed checks for each.
  expect(report.summary.resource_count).toBeGreaterThan(Math.max(...counts));
  expect(report.summary.passed).toBeGreaterThan(200 * ENVS.length);
});
