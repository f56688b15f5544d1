/**
 * `npm start`: regenerate the charts, bring up the sandbox cluster, install the dev overlay for
 * us-east-1 with --wait, and print what runs. Each step says what failed and what to do.
 */
import { spawnSync } from 'node:child_process';
import { buildSuite, GENERATED_ROOTS } from '../generate.js';
import { syncTree } from '../emitters/files.js';
import { REPO_ROOT as REPO, TOOLS_BIN } from '../paths.js';
import { KUBECONFIG, up } from '../../sandbox/sandbox.js';

const NAMESPACE = 'concertmaster';
const OVERLAYS = ['values/env/dev.yaml', 'values/region/us-east-1.yaml'];

function fail(step: string, detail: string, advice: string): never {
  console.error(`start: ${step} failed:\n${detail.trim()}\n\nWhat to do: ${advice}`);
  process.exit(1);
}

function kubectl(args: string[]): string {
  const r = spawnSync(`${TOOLS_BIN}/kubectl`, ['--kubeconfig', KUBECONFIG, ...args], { encoding: 'utf8' });
  return r.stdout ?? '';
}

function table(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return console.log('  (none)');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(('  ' + row.map((c, i) => c.padEnd(widths[i]!)).join('  ')).trimEnd());
}

async function main(): Promise<void> {
  try {
    const written = syncTree(REPO, GENERATED_ROOTS, buildSuite()).written.length;
    console.log(`step 1/3: generated ${written} files under charts/ and values/`);
  } catch (err) {
    fail('step 1/3, generate', (err as Error).message, 'fix the model or overlay named above, then run `npm start` again.');
  }

  try {
    console.log('step 2/3: the sandbox cluster');
    await up(false);
  } catch (err) {
    fail('step 2/3, sandbox', (err as Error).message, 'read the log named above; `npm run sandbox -- down` then `npm start` starts it afresh.');
  }

  console.log(`step 3/3: helm install concertmaster charts/concertmaster -f ${OVERLAYS.join(' -f ')} --wait`);
  const r = spawnSync(
    `${TOOLS_BIN}/helm`,
    ['upgrade', '--install', 'concertmaster', 'charts/concertmaster', '--namespace', NAMESPACE, '--create-namespace', ...OVERLAYS.flatMap((f) => ['-f', f]), '--wait', '--timeout', '5m', '--kubeconfig', KUBECONFIG],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    fail('step 3/3, helm install', r.stderr || r.stdout, `inspect with \`kubectl --kubeconfig .sandbox/kubeconfig -n ${NAMESPACE} get events\`; the error names the value or object at fault.`);
  }

  const workloads = kubectl(['get', 'deployments,statefulsets', '-n', NAMESPACE, '-o', 'jsonpath={range .items[*]}{.kind}{"\\t"}{.metadata.name}{"\\t"}{.status.readyReplicas}/{.spec.replicas}{"\\n"}{end}']);
  table('Workloads', ['KIND', 'NAME', 'READY'], workloads.trim().split('\n').filter(Boolean).map((l) => l.split('\t').map((c) => c.replace(/^\//, '0/'))));
  const services = kubectl(['get', 'services', '-n', NAMESPACE, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.type}{"\\t"}{range .spec.ports[*]}{.name}:{.port} {end}{"\\n"}{end}']);
  table('Services', ['NAME', 'TYPE', 'PORTS'], services.trim().split('\n').filter(Boolean).map((l) => l.split('\t').map((c) => c.trim())));
  const hpas = kubectl(['get', 'hpa', '-n', NAMESPACE, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.minReplicas}-{.spec.maxReplicas}{"\\t"}{.status.currentReplicas}{"\\n"}{end}']);
  table('HorizontalPodAutoscalers', ['NAME', 'MIN-MAX', 'CURRENT'], hpas.trim().split('\n').filter(Boolean).map((l) => l.split('\t')));

  console.log(`
The sandbox's pods are Ready because kwok says so: containers never run here (README, "Sandbox").
Next:
  export KUBECONFIG=${KUBECONFIG}
  kubectl -n ${NAMESPACE} get pods
  helm test concertmaster -n ${NAMESPACE}
  helm upgrade concertmaster charts/concertmaster -n ${NAMESPACE} -f values/env/dev.yaml -f values/region/us-east-1.yaml --set api.replicaCount=2
  npm run sandbox -- down     # stop the cluster
  npm test                    # the whole suite`);
}

main().catch((err) => fail('start', (err as Error).message, 'report this error.'));
