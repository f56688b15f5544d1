/**
 * `npm start`: regenerate the charts, bring up the sandbox (with its real node where this machine can
 * run one: root, and the images `npm run images` builds), install the dev overlay for us-east-1 with
 * --wait, and print what runs. With the real node the dev stack runs in real containers
 * (values/sandbox/real-node.yaml), and the API is port-forwarded to 127.0.0.1 with a curl that submits a
 * workflow. Each step says what failed and what to do.
 */
import { spawnSync } from 'node:child_process';
import { buildAll, GENERATED_ROOTS } from '../generator/generate.js';
import { syncTree } from '../generator/emitters/files.js';
import { REPO_ROOT as REPO, TOOLS_BIN } from '../generator/paths.js';
import { hasRealNode, KUBECONFIG, portForward, up } from '../sandbox/sandbox.js';
import { unavailable } from '../sandbox/real-node.js';

const NAMESPACE = 'concertmaster';
const OVERLAYS = ['values/env/dev.yaml', 'values/region/us-east-1.yaml'];
const REAL_NODE_OVERLAY = 'values/sandbox/real-node.yaml';

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
  const why = unavailable((t) => `${TOOLS_BIN}/${t}`);
  try {
    // Everything `npm run generate` writes: syncTree removes what the set lacks, the capacity charts too.
    const written = syncTree(REPO, GENERATED_ROOTS, await buildAll()).written.length;
    console.log(`step 1/4: generated ${written} files under charts/ and values/`);
  } catch (err) {
    fail('step 1/4, generate', (err as Error).message, 'fix the model or overlay named above, then run `npm start` again.');
  }

  if (why === undefined) {
    console.log('step 2/4: the images (cached after the first run)');
    const r = spawnSync('bash', ['scripts/images.sh'], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) fail('step 2/4, images', 'scripts/images.sh failed (its output is above)', 'fix what it names, then run `npm start` again.');
  } else {
    console.log(`step 2/4: no real node here (${why}); the stack runs on kwok's nodes, which run no container`);
  }

  try {
    console.log('step 3/4: the sandbox cluster');
    await up({ crds: false, realNode: why === undefined });
  } catch (err) {
    fail('step 3/4, sandbox', (err as Error).message, 'read the log named above; `npm run sandbox -- down` then `npm start` starts it afresh.');
  }
  const real = hasRealNode();
  const overlays = real ? [...OVERLAYS, REAL_NODE_OVERLAY] : OVERLAYS;

  console.log(`step 4/4: helm upgrade --install concertmaster charts/concertmaster -f ${overlays.join(' -f ')} --wait`);
  const r = spawnSync(
    `${TOOLS_BIN}/helm`,
    ['upgrade', '--install', 'concertmaster', 'charts/concertmaster', '--namespace', NAMESPACE, '--create-namespace', ...overlays.flatMap((f) => ['-f', f]), '--wait', '--timeout', '5m', '--kubeconfig', KUBECONFIG],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    fail('step 4/4, helm install', r.stderr || r.stdout, `inspect with \`kubectl --kubeconfig .sandbox/kubeconfig -n ${NAMESPACE} get events\` and \`kubectl ... logs\`; the error names the value or object at fault.`);
  }

  const workloads = kubectl(['get', 'deployments,statefulsets', '-n', NAMESPACE, '-o', 'jsonpath={range .items[*]}{.kind}{"\\t"}{.metadata.name}{"\\t"}{.status.readyReplicas}/{.spec.replicas}{"\\n"}{end}']);
  table('Workloads', ['KIND', 'NAME', 'READY'], workloads.trim().split('\n').filter(Boolean).map((l) => l.split('\t').map((c) => c.replace(/^\//, '0/'))));
  const services = kubectl(['get', 'services', '-n', NAMESPACE, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.type}{"\\t"}{range .spec.ports[*]}{.name}:{.port} {end}{"\\n"}{end}']);
  table('Services', ['NAME', 'TYPE', 'PORTS'], services.trim().split('\n').filter(Boolean).map((l) => l.split('\t').map((c) => c.trim())));

  if (real) {
    const port = await portForward(NAMESPACE, 'concertmaster-api', 8000);
    console.log(`
The dev stack runs in real containers on the sandbox's real node.
Entry URL: http://127.0.0.1:${port}   (kubectl port-forward, stopped by \`npm run sandbox -- down\`)

Submit a workflow, then read it back until its status is SUCCESS:
  curl -s -X POST -H 'Content-Type: application/json' -d '{"queue": "celery", "seconds": 2}' http://127.0.0.1:${port}/api/workflows
  curl -s http://127.0.0.1:${port}/api/workflows/<id>
`);
  } else {
    console.log('\nThe pods are Ready because kwok says so: no container runs without the real node (README, "Sandbox").');
  }
  console.log(`Next:
  export KUBECONFIG=${KUBECONFIG}
  kubectl -n ${NAMESPACE} get pods -o wide
  helm test concertmaster -n ${NAMESPACE}
  npm run sandbox -- down     # stop the cluster; the host is left as it was
  npm test                    # the whole suite`);
}

main().catch((err) => fail('start', (err as Error).message, 'report this error.'));
