/**
 * chart-testing under a chosen helm binary, shared by the lint and sandbox tests and the ct-matrix
 * benchmark, and copies of the charts holding one environment's ci values files (as the lint-test
 * workflow's matrix does).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT, TOOLS_BIN } from '../../generator/paths.js';

const CI_VALUES_FILE = /(^|\/)ci\/[^/]+-values\.yaml$/;

/** Every `ci/*-values.yaml` under a charts folder, relative to it. */
export function ciValuesFiles(chartsDir: string): string[] {
  return readdirSync(chartsDir, { recursive: true, encoding: 'utf8' }).filter((f) => CI_VALUES_FILE.test(f)).sort();
}

/**
 * A temporary copy of charts/ and ct.yaml that keeps only the ci values files of these environments
 * (`<env>-<region>-values.yaml`). ct has no flag to pick values files, so the workflow deletes the others.
 */
export function chartsFor(...envs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `cm-ct-${envs.join('-')}-`));
  cpSync(join(REPO_ROOT, 'charts'), join(dir, 'charts'), { recursive: true });
  cpSync(join(REPO_ROOT, 'ct.yaml'), join(dir, 'ct.yaml'));
  symlinkSync(join(REPO_ROOT, '.tools'), join(dir, '.tools'));
  for (const f of ciValuesFiles(join(dir, 'charts'))) {
    if (!envs.some((env) => basename(f).startsWith(`${env}-`))) rmSync(join(dir, 'charts', f));
  }
  return dir;
}

export interface CtRun {
  readonly status: number;
  /** stdout and stderr together. */
  readonly out: string;
}

/** chart-testing with `args` in `cwd` (default: the repository), `helm` on its PATH being the given binary. */
export function runCt(args: readonly string[], opts: { helm: string; cwd?: string; kubeconfig?: string }): CtRun {
  // ct calls `helm` from PATH: a folder holding only a link to the helm under test goes first.
  const shim = mkdtempSync(join(tmpdir(), 'cm-ct-helm-'));
  symlinkSync(opts.helm, join(shim, 'helm'));
  try {
    const r = spawnSync(join(TOOLS_BIN, 'ct'), args, {
      cwd: opts.cwd ?? REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...(opts.kubeconfig !== undefined && { KUBECONFIG: opts.kubeconfig }),
        PATH: `${shim}:${TOOLS_BIN}:${process.env['PATH']}`,
      },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { status: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(shim, { recursive: true, force: true });
  }
}

/**
 * `ct install --config ct.yaml` in `cwd` against the cluster of `kubeconfig`: every chart (`--all`) unless
 * `extra` names charts with `--charts`.
 */
export function ctInstall(opts: { helm: string; kubeconfig: string; cwd?: string; extra?: readonly string[] }): CtRun {
  const extra = opts.extra ?? [];
  return runCt(['install', '--config', 'ct.yaml', ...(extra.includes('--charts') ? [] : ['--all']), ...extra], opts);
}
