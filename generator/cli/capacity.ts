/**
 * `npm run capacity [-- --env production --region us-east-1 [-f my-values.yaml]... [--assumptions a.json] [--assume taskSeconds=3]...]`:
 * the capacity report of one configuration in the terminal (docs/capacity.md has the committed ones).
 * Exits 1 with the offending file or key on a bad argument, values file or assumption.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_ASSUMPTIONS, withOverrides } from '../capacity/assumptions.js';
import { configuration } from '../capacity/configurations.js';
import { SCALE_HEAD, scaleRows, terminalTable, verdictRows } from '../capacity/render.js';
import { capacityReport } from '../capacity/report.js';

export interface CapacityArgs {
  readonly env: string;
  readonly region: string;
  readonly files: readonly string[];
  readonly assumptions?: string;
  /** `--assume path=number`: one assumption, after the file's (`instance.spotPerHour=0.12`). */
  readonly assume: readonly (readonly [string, number])[];
}

export function parseArgs(argv: readonly string[]): CapacityArgs {
  let env = 'production', region = 'us-east-1', assumptions: string | undefined;
  const files: string[] = [];
  const assume: [string, number][] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--env') env = value();
    else if (flag === '--region') region = value();
    else if (flag === '-f' || flag === '--values') files.push(value());
    else if (flag === '--assumptions') assumptions = value();
    else if (flag === '--assume') {
      const m = /^([A-Za-z.]+)=(.+)$/.exec(value());
      if (!m || !Number.isFinite(Number(m[2]))) throw new Error(`--assume takes path=number, e.g. taskSeconds=3`);
      assume.push([m[1]!, Number(m[2])]);
    }
    else throw new Error(`unknown argument ${argv[i]} (use --env, --region, -f, --assumptions, --assume)`);
  }
  return { env, region, files, ...(assumptions !== undefined && { assumptions }), assume };
}

const load = (path: string): unknown => {
  try {
    return parse(readFileSync(path, 'utf8')) ?? {};
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
};

export function capacityText(args: CapacityArgs): string {
  let a = args.assumptions ? withOverrides(load(args.assumptions), DEFAULT_ASSUMPTIONS, args.assumptions) : DEFAULT_ASSUMPTIONS;
  for (const [path, n] of args.assume) {
    // "instance.spotPerHour=0.12" → { instance: { spotPerHour: 0.12 } }
    const override = path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), n);
    a = withOverrides(override, a, '--assume');
  }
  const c = configuration(args.env, args.region, args.files.map((path) => ({ path, values: load(path) })));
  const r = capacityReport(c.values, a);
  const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return [
    `Capacity of ${args.env} in ${args.region}${args.files.length ? ` with ${args.files.join(', ')}` : ''} (assumptions: ${[args.assumptions ?? 'generator/capacity/assumptions.ts', ...args.assume.map(([k, n]) => `${k}=${n}`)].join(', ')})`,
    '',
    terminalTable(['plan target', 'outcome', 'figure', 'from'], verdictRows(r).map((row) => [row[0]!, row[1]!, short(String(row[2]), 70), row[4]!])),
    '',
    terminalTable(SCALE_HEAD, scaleRows(r)),
    '',
    `Connections at maximum scale: ${r.connections.total}; binding limit: ${r.connections.binding}.`,
    ...r.verdicts.filter((v) => v.outcome !== 'meets').map((v) => `- ${v.target}: ${v.detail}`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(capacityText(parseArgs(process.argv.slice(2))));
  } catch (err) {
    console.error(`capacity: error: ${(err as Error).message}`);
    process.exit(1);
  }
}
