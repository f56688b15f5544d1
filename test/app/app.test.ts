/**
 * The reference application's own tests (app/tests, pytest) against a PostgreSQL and a Redis that they
 * start on loopback: the contract the charts rely on, proven without Kubernetes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../support/paths.js';

// Debian's Python, which carries the app's dependencies (scripts/tool-groups.sh, group "app").
const PYTHON = '/usr/bin/python3';

describe('the reference app', () => {
  it('passes its pytest suite against real PostgreSQL and Redis servers', () => {
    const r = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', join(REPO, 'app', 'tests')], {
      cwd: join(REPO, 'app'),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      timeout: 300_000,
    });
    expect({ status: r.status, out: r.status === 0 ? '' : `${r.stdout}\n${r.stderr}` }).toEqual({ status: 0, out: '' });
    expect(r.stdout).toMatch(/\d+ passed/);
  }, 300_000);
});
