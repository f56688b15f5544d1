/**
 * `npm run bench:sandbox`: the sandbox cluster's costs, as medians of SANDBOX_RUNS runs (default 3),
 * each against a baseline run in the same process: starting `kube-apiserver --version` (the cost of
 * loading the binaries, which a cold start cannot avoid).
 *   cold start with the binaries cached, up to the API answering /readyz, kwok nodes only;
 *   the same with the real node (kubelet, containerd, kube-proxy, CoreDNS, the registry), where it runs;
 *   `npm start` from a stopped sandbox until every workload is Ready (in real containers where the real
 *   node runs, with the images already built).
 * The ct matrix takes minutes per run: `npm run bench:ct` measures it.
 */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, TOOLS_BIN } from '../generator/paths.js';
import { down, up } from '../sandbox/sandbox.js';
import { unavailable } from '../sandbox/real-node.js';
import { median, timed } from './stats.js';

const RUNS = Number(process.env['SANDBOX_RUNS'] ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error('SANDBOX_RUNS must be an integer of at least 3');

const why = unavailable((t) => `${TOOLS_BIN}/${t}`);
const baseline: number[] = [];
const cold: number[] = [];
const coldReal: number[] = [];
const start: number[] = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(await timed(() => void spawnSync(`${TOOLS_BIN}/kube-apiserver`, ['--version'])));
  await down(true);
  cold.push(await timed(() => up({ crds: false, realNode: false })));
  await down(true);
  if (!why) {
    coldReal.push(await timed(() => up({ crds: false, realNode: true })));
    await down(true);
  }
  start.push(
    await timed(() => {
      const r = spawnSync('npm', ['start'], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm start failed:\n${r.stderr}`);
    }),
  );
}
await down(true);

const b = median(baseline);
console.log(`medians of ${RUNS} runs\n`);
console.log('| measure | median s | ratio to baseline |');
console.log('| --- | ---: | ---: |');
console.log(`| baseline: kube-apiserver --version | ${(b / 1000).toFixed(2)} | 1.00 |`);
console.log(`| cold start to API ready (binaries cached) | ${(median(cold) / 1000).toFixed(2)} | ${(median(cold) / b).toFixed(1)} |`);
if (why) console.log(`| cold start with the real node | skipped: ${why} | |`);
else console.log(`| cold start with the real node | ${(median(coldReal) / 1000).toFixed(2)} | ${(median(coldReal) / b).toFixed(1)} |`);
console.log(`| npm start to all workloads Ready (${why ? 'kwok nodes' : 'real containers'}) | ${(median(start) / 1000).toFixed(2)} | ${(median(start) / b).toFixed(1)} |`);
