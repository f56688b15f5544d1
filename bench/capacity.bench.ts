/**
 * `npm run bench:capacity`: `npm run capacity`'s report for production us-east-1, as the command runs
 * (tsx, the models, the report), against `node -e 0` in the same process, medians of RUNS runs. The
 * issue's budget is 2 s on the machine at hand; the ratio carries to other machines.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { medianMs } from './stats.js';
import { REPO_ROOT as REPO } from '../generator/paths.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 5) throw new Error('BENCH_RUNS must be an integer of at least 5');

const run = (cmd: string, args: string[]) => () => {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
};

const floor = medianMs(RUNS, run(process.execPath, ['-e', '0']));
const report = medianMs(RUNS, run(join(REPO, 'node_modules/.bin/tsx'), ['generator/cli/capacity.ts', '--env', 'production', '--region', 'us-east-1']));
console.log(`capacity report, production us-east-1, medians of ${RUNS} runs`);
console.log(`node -e 0 (baseline)        ${floor.toFixed(0)} ms`);
console.log(`npm run capacity's command  ${report.toFixed(0)} ms   ${(report / floor).toFixed(1)}x the baseline   ${report < 2000 ? 'within' : 'beyond'} the 2 s budget`);
