/** chart-testing's install against a test file's sandbox, asserting success with the tail of its output. */
import { expect } from '@jest/globals';
import { ctInstall } from './chart-testing.js';

export function ctInstallOk(kubeconfig: string, helmBin: string, extra: readonly string[], cwd?: string): string {
  const r = ctInstall({ helm: helmBin, kubeconfig, extra, ...(cwd !== undefined && { cwd }) });
  expect({ status: r.status, tail: r.status === 0 ? '' : r.out.slice(-5000) }).toEqual({ status: 0, tail: '' });
  expect(r.out).toContain('All charts installed successfully');
  return r.out;
}
