/**
 * `npm start`: regenerate the charts, then show the dev install plan for us-east-1 with `helm template`.
 * The sandbox cluster that `helm install` will target here is not built yet, so this stops at the plan
 * and prints the commands that install it into a cluster of your own.
 */
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { buildSuite, GENERATED_ROOTS } from '../generate.js';
import { syncTree } from '../emitters/files.js';
import { REPO_ROOT as REPO, TOOLS_BIN } from '../paths.js';

const OVERLAYS = ['values/env/dev.yaml', 'values/region/us-east-1.yaml'];

function fail(step: string, detail: string, advice: string): never {
  console.error(`start: ${step} failed:\n${detail.trim()}\n\nWhat to do: ${advice}`);
  process.exit(1);
}

let written: number;
try {
  written = syncTree(REPO, GENERATED_ROOTS, buildSuite()).written.length;
} catch (err) {
  fail('step 1/2, generate', (err as Error).message, 'fix the model or overlay named above, then run `npm start` again.');
}
console.log(`step 1/2: generated ${written} files under charts/ and values/`);

const args = ['template', 'concertmaster', 'charts/concertmaster', '--namespace', 'concertmaster', ...OVERLAYS.flatMap((f) => ['-f', f])];
const r = spawnSync(`${TOOLS_BIN}/helm`, args, { cwd: REPO, encoding: 'utf8' });
if (r.error || r.status !== 0) {
  fail('step 2/2, helm template', r.error?.message ?? r.stderr, 'run `npm run bootstrap` if helm is missing; otherwise the error names the value to fix.');
}

interface Obj {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { replicas?: number; minReplicas?: number; maxReplicas?: number; type?: string; ports?: { name: string; port: number }[] };
}
const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj | null).filter((o): o is Obj => o !== null);

const rows = objects.map((o) => {
  const hook = o.metadata.annotations?.['helm.sh/hook'];
  let detail = '';
  if (o.kind === 'Deployment') detail = `replicas ${o.spec?.replicas ?? 'from HPA'}`;
  if (o.kind === 'HorizontalPodAutoscaler') detail = `${o.spec?.minReplicas}-${o.spec?.maxReplicas} replicas`;
  if (o.kind === 'Service') detail = `${o.spec?.type ?? 'ClusterIP'} ${(o.spec?.ports ?? []).map((p) => `${p.name}:${p.port}`).join(' ')}`;
  if (hook) detail = `${detail} hook: ${hook}`.trim();
  return [o.kind, o.metadata.name, detail] as const;
});
const width = (i: 0 | 1) => Math.max(...rows.map((row) => row[i].length), 4);
console.log(`step 2/2: the dev plan for us-east-1 has ${objects.length} objects:\n`);
console.log(`  ${'KIND'.padEnd(width(0))}  ${'NAME'.padEnd(width(1))}  DETAIL`);
for (const [kind, name, detail] of rows) console.log(`  ${kind.padEnd(width(0))}  ${name.padEnd(width(1))}  ${detail}`);
console.log(`
Next:
  helm install concertmaster charts/concertmaster --namespace concertmaster --create-namespace \\
    -f values/env/dev.yaml -f values/region/us-east-1.yaml --wait
  helm test concertmaster --namespace concertmaster
  npm test          # lint, render and check every chart under helm v4 and v3`);
