/**
 * `npm run bench:ct`: the ct install matrix in the sandbox, as medians of CT_RUNS runs (default 3).
 * A run is a fresh sandbox, then for helm v4 and helm v3: `ct install` of the dev ci values files on
 * the bare cluster; after the CRDs are installed, of the staging and production files. Each cell is
 * reported against a baseline run in the same sandbox: `ct install` of a chart holding one ConfigMap,
 * which is ct's fixed cost per install (namespace, install, `helm test`, cleanup).
 * CT_SCOPE picks the charts: "umbrella" (default; what `npm test` installs, since each subchart renders
 * exactly its part of the umbrella), "all" (every chart, as the suite did before), or "both", each in
 * every run. Each run takes minutes; this is not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartsFor, ctInstall } from '../test/support/chart-testing.js';
import { HELMS } from '../test/support/helm.js';
import { median, timed } from './stats.js';

const RUNS = Number(process.env['CT_RUNS'] ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error('CT_RUNS must be an integer of at least 3');

// A sandbox of its own, so the benchmark never touches the one `npm start` uses.
const state = mkdtempSync(join(tmpdir(), 'cm-bench-ct-'));
process.env['CONCERTMASTER_SANDBOX_DIR'] = state;
const { down, installCrds, up } = await import('../sandbox/sandbox.js');
const kubeconfig = join(state, 'kubeconfig');

/** The smallest chart ct can install: one ConfigMap. */
function baselineCharts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cm-bench-ct-baseline-'));
  mkdirSync(join(dir, 'charts/baseline/templates'), { recursive: true });
  writeFileSync(join(dir, 'ct.yaml'), 'chart-dirs:\n  - charts\nvalidate-maintainers: false\nskip-helm-dependencies: true\n');
  writeFileSync(join(dir, 'charts/baseline/Chart.yaml'), 'apiVersion: v2\nname: baseline\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'charts/baseline/values.yaml'), '{}\n');
  writeFileSync(
    join(dir, 'charts/baseline/templates/configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  k: v\n',
  );
  return dir;
}

const SCOPE = process.env['CT_SCOPE'] ?? 'umbrella';
if (!['umbrella', 'all', 'both'].includes(SCOPE)) throw new Error('CT_SCOPE must be umbrella, all or both');
const scopes: { label: string; extra: string[] }[] = [
  ...(SCOPE !== 'all' ? [{ label: 'umbrella', extra: ['--charts', 'charts/concertmaster'] }] : []),
  ...(SCOPE !== 'umbrella' ? [{ label: 'all charts', extra: ['--all'] }] : []),
];

const timedCt = (helm: string, cwd: string, extra: string[] = []) =>
  timed(() => {
    const r = ctInstall({ helm, kubeconfig, cwd, extra });
    if (r.status !== 0) throw new Error(`ct install in ${cwd} failed:\n${r.out.slice(-5000)}`);
  });
const cells = ['dev, bare cluster', 'staging + production, with CRDs'] as const;
const times = new Map<string, number[]>();
const record = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);

const baseline = baselineCharts();
const dev = chartsFor('dev');
const withCrds = chartsFor('staging', 'production');
try {
  for (let i = 0; i < RUNS; i++) {
    await down(true);
    await up({ realNode: false });
    record('baseline', await timedCt(HELMS[0].bin, baseline));
    for (const { label, extra } of scopes) for (const { name, bin } of HELMS) record(`${label}, ${name}: ${cells[0]}`, await timedCt(bin, dev, extra));
    installCrds();
    for (const { label, extra } of scopes) for (const { name, bin } of HELMS) record(`${label}, ${name}: ${cells[1]}`, await timedCt(bin, withCrds, extra));
    for (const { label } of scopes) {
      const total = [...times.entries()].filter(([k]) => k.startsWith(`${label}, `)).reduce((sum, [, v]) => sum + v[i]!, 0);
      record(`${label}: whole matrix`, total);
      console.error(`run ${i + 1}/${RUNS}: ${label}: whole matrix ${(total / 1000).toFixed(1)} s`);
    }
  }
} finally {
  await down(true);
  for (const d of [baseline, dev, withCrds, state]) rmSync(d, { recursive: true, force: true });
}

const b = median(times.get('baseline')!);
console.log(`medians of ${RUNS} runs\n`);
console.log('| measure | median s | ratio to baseline |');
console.log('| --- | ---: | ---: |');
for (const [key, v] of times) console.log(`| ${key} | ${(median(v) / 1000).toFixed(1)} | ${(median(v) / b).toFixed(1)} |`);
