/**
 * `npm run package [-- --out DIR]`: dist/<chart>-<version>.tgz for every chart, subcharts first; the
 * umbrella carries its subcharts. Reproducible: each chart is packaged from a copy whose files all carry
 * the time of SOURCE_DATE_EPOCH (default: the last commit's time), so the same commit gives the same
 * bytes. Signed with a .prov beside each package when HELM_SIGN_KEY names a key in HELM_SIGN_KEYRING.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { subcharts, umbrella } from '../suite/suite.js';
import { REPO_ROOT } from '../paths.js';
import { mustRun, parseFlags, run, StepError } from './run.js';

export const PACKAGE_ORDER = [...subcharts, umbrella].map((c) => ({ name: c.name, version: c.version }));

function sourceDateEpoch(): number {
  const env = process.env['SOURCE_DATE_EPOCH'];
  if (env !== undefined) {
    if (!/^[0-9]+$/.test(env)) throw new StepError(`SOURCE_DATE_EPOCH must be seconds since 1970, got "${env}"`);
    return Number(env);
  }
  const git = run('/usr/bin/git', ['log', '-1', '--format=%ct'], { cwd: REPO_ROOT });
  return git.status === 0 && /^[0-9]+$/.test(git.stdout.trim()) ? Number(git.stdout.trim()) : 0;
}

function stampTree(dir: string, epoch: number): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) stampTree(full, epoch);
    utimesSync(full, epoch, epoch);
  }
  utimesSync(dir, epoch, epoch);
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function signingArgs(): string[] {
  const key = process.env['HELM_SIGN_KEY'];
  if (!key) return [];
  const keyring = process.env['HELM_SIGN_KEYRING'];
  if (!keyring) throw new StepError('HELM_SIGN_KEY is set but HELM_SIGN_KEYRING (the secret keyring file) is not');
  const args = ['--sign', '--key', key, '--keyring', keyring];
  const passphrase = process.env['HELM_SIGN_PASSPHRASE_FILE'];
  return passphrase ? [...args, '--passphrase-file', passphrase] : args;
}

export function packageCharts(outDir: string): { file: string; sha256: string; prov: boolean }[] {
  const epoch = sourceDateEpoch();
  const sign = signingArgs();
  const work = mkdtempSync(join(tmpdir(), 'cm-package-'));
  const staged = join(work, 'out');
  mkdirSync(staged);
  try {
    for (const { name } of PACKAGE_ORDER) {
      const src = join(work, 'src', name);
      cpSync(join(REPO_ROOT, 'charts', name), src, { recursive: true });
      stampTree(src, epoch);
      mustRun(`packaging ${name}`, 'helm', ['package', src, '--destination', staged, ...sign]);
    }
    mkdirSync(outDir, { recursive: true });
    const results = [];
    for (const { name, version } of PACKAGE_ORDER) {
      const file = `${name}-${version}.tgz`;
      renameSync(join(staged, file), join(outDir, file));
      const prov = sign.length > 0;
      if (prov) renameSync(join(staged, `${file}.prov`), join(outDir, `${file}.prov`));
      else rmSync(join(outDir, `${file}.prov`), { force: true });
      results.push({ file: join(outDir, file), sha256: sha256(join(outDir, file)), prov });
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    const flags = parseFlags(process.argv.slice(2), { '--out': 'value' });
    const out = resolve(String(flags['--out'] ?? join(REPO_ROOT, 'dist')));
    for (const r of packageCharts(out)) console.log(`package: ${r.file}  sha256:${r.sha256}${r.prov ? '  (+ .prov)' : ''}`);
  } catch (err) {
    console.error(`package: error: ${(err as Error).message}`);
    process.exit(1);
  }
}
