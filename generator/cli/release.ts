/**
 * `npm run release -- --registry[=]oci://HOST/PATH [--plain-http] [--dist DIR] [--helm BIN]`: pushes every
 * package in dist/ (packaging first if any is missing), subcharts first, and reports each digest. A version already in the registry with
 * the same contents is skipped, so a re-run is a no-op; with other contents it is refused (bump the
 * version). Contents are compared entry by entry (archive.ts), because Helm orders an umbrella's
 * subcharts differently from one packaging to the next.
 * Credentials come from `helm registry login` or from HELM_REGISTRY_USERNAME and
 * HELM_REGISTRY_PASSWORD, never from the command line. --plain-http is for loopback registries only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { contentDigest } from './archive.js';
import { PACKAGE_ORDER, packageCharts } from './package.js';
import { mustRun, parseFlags, run, StepError } from './run.js';

export interface Registry {
  readonly url: string;
  readonly host: string;
  readonly plainHttp: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

export function parseRegistry(url: string, plainHttp: boolean): Registry {
  const m = /^oci:\/\/([^/]+)(\/[a-z0-9._/-]*)?$/.exec(url);
  if (!m) throw new StepError(`--registry must look like oci://HOST[:PORT]/PATH, got "${url}"`);
  const host = m[1]!;
  if (plainHttp && !LOOPBACK.test(host)) {
    throw new StepError(`--plain-http sends charts and credentials unencrypted; it is allowed only for loopback registries, not ${host}`);
  }
  return { url: url.replace(/\/$/, ''), host, plainHttp };
}

export type Outcome = { name: string; version: string; action: 'pushed' | 'skipped'; digest: string };

/** helm's transport errors when the scheme does not match the registry, explained in one sentence. */
export function explainTransport(registry: Registry, stderr: string): string | undefined {
  if (/server gave HTTP response to HTTPS client/i.test(stderr)) {
    return `${registry.host} speaks plain HTTP, not HTTPS: for a registry on loopback, add --plain-http`;
  }
  if (registry.plainHttp && /malformed HTTP response|tls|first record does not look like/i.test(stderr)) {
    return `${registry.host} speaks HTTPS, not plain HTTP: drop --plain-http`;
  }
  return undefined;
}

export function release(registry: Registry, distDir: string, helm = 'helm', onOutcome: (o: Outcome) => void = () => undefined): Outcome[] {
  const http = registry.plainHttp ? ['--plain-http'] : [];
  const user = process.env['HELM_REGISTRY_USERNAME'];
  const password = process.env['HELM_REGISTRY_PASSWORD'];
  if (user && password) {
    mustRun(`logging in to ${registry.host}`, helm, ['registry', 'login', registry.host, '--username', user, '--password-stdin', ...(registry.plainHttp ? ['--insecure'] : [])], {
      input: password,
    });
  }
  const missing = PACKAGE_ORDER.filter(({ name, version }) => !existsSync(join(distDir, `${name}-${version}.tgz`)));
  if (missing.length > 0) {
    console.log(`release: ${missing.map((m) => m.name).join(', ')} not packaged in ${distDir}: running npm run package first`);
    packageCharts(distDir);
  }
  const outcomes: Outcome[] = [];
  for (const { name, version } of PACKAGE_ORDER) {
    const file = join(distDir, `${name}-${version}.tgz`);
    const local = contentDigest(file);
    const probe = mkdtempSync(join(tmpdir(), 'cm-release-'));
    try {
      const pulled = run(helm, ['pull', `${registry.url}/${name}`, '--version', version, '--destination', probe, ...http]);
      if (pulled.status === 0) {
        const remote = contentDigest(join(probe, `${name}-${version}.tgz`));
        if (remote !== local) {
          throw new StepError(
            `${name} ${version} is already in ${registry.url} with other contents; a published version never changes: bump the chart's version`,
          );
        }
        const digest = /Digest:\s*(sha256:[a-f0-9]{64})/.exec(pulled.stdout + pulled.stderr)?.[1] ?? 'sha256:?';
        outcomes.push({ name, version, action: 'skipped', digest });
        onOutcome(outcomes[outcomes.length - 1]!);
        continue;
      }
      if (!/not found|404|manifest unknown|name unknown/i.test(pulled.stderr)) {
        const why = explainTransport(registry, pulled.stderr);
        throw new StepError(why ?? `checking ${name} ${version} in ${registry.url} failed:\n${pulled.stderr.trim()}`);
      }
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
    const pushed = mustRun(`pushing ${name} ${version}`, helm, ['push', file, registry.url, ...http]);
    const digest = /Digest:\s*(sha256:[a-f0-9]{64})/.exec(pushed.stdout + pushed.stderr)?.[1];
    if (!digest) throw new StepError(`pushing ${name} ${version}: helm printed no digest:\n${pushed.stdout}${pushed.stderr}`);
    outcomes.push({ name, version, action: 'pushed', digest });
    onOutcome(outcomes[outcomes.length - 1]!);
  }
  return outcomes;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    const flags = parseFlags(process.argv.slice(2), { '--registry': 'value', '--plain-http': 'boolean', '--dist': 'value', '--helm': 'value' });
    if (!flags['--registry']) throw new StepError('--registry oci://HOST/PATH is required');
    const registry = parseRegistry(String(flags['--registry']), flags['--plain-http'] === true);
    // Each chart as it goes, so that a long push shows progress.
    const outcomes = release(registry, resolve(String(flags['--dist'] ?? join(REPO_ROOT, 'dist'))), String(flags['--helm'] ?? 'helm'), (o) =>
      console.log(`release: ${o.action === 'pushed' ? 'pushed ' : 'skipped'} ${o.name} ${o.version} ${o.digest}${o.action === 'skipped' ? ' (already in the registry)' : ''}`),
    );
    const pushed = outcomes.filter((o) => o.action === 'pushed').length;
    console.log(`release: ${pushed} pushed, ${outcomes.length - pushed} already there, to ${registry.url}`);
    const umbrella = outcomes[outcomes.length - 1]!;
    console.log(`release: next, install it:\n  helm install concertmaster ${registry.url}/${umbrella.name} --version ${umbrella.version}${registry.plainHttp ? ' --plain-http' : ''} --namespace concertmaster --create-namespace`);
  } catch (err) {
    console.error(`release: error: ${(err as Error).message}`);
    process.exit(1);
  }
}
