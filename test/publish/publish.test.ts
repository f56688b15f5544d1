/**
 * Publishing, against a real OCI registry on loopback: package, sign, push, pull, render from oci://,
 * re-publish as a no-op, refuse changed contents, and verify provenance. Under helm v4 and helm v3.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { contentDigest, entries } from '../../generator/cli/archive.js';
import { explainTransport, parseRegistry } from '../../generator/cli/release.js';
import { parseFlags } from '../../generator/cli/run.js';
import { HELMS, helm, templateArgs } from '../support/helm.js';
import { makeKey, type TestKey } from '../support/gpg.js';
import { REPO } from '../support/paths.js';
import { startRegistry, type RunningRegistry } from '../support/registry.js';
import { createHash } from 'node:crypto';
import { tempDir } from '../support/tmp.js';
import { CURRENT } from '../../generator/suite/releases.js';

const V = CURRENT.version;

const CHARTS = ['api', 'workers', 'postgres', 'redis', 'mesh', 'observability', 'dr', 'concertmaster'];
const tsx = join(REPO, 'node_modules/.bin/tsx');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function cli(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(tsx, [`generator/cli/${script}.ts`, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let registry: RunningRegistry;
let key: TestKey;
let signed: string;
let unsigned: string;

beforeAll(async () => {
  registry = await startRegistry();
  key = makeKey();
  signed = tempDir('dist-signed');
  unsigned = tempDir('dist');
  const a = cli('package', ['--out', signed], { HELM_SIGN_KEY: key.name, HELM_SIGN_KEYRING: key.secretKeyring });
  if (a.status !== 0) throw new Error(a.stderr);
  const b = cli('package', ['--out', unsigned]);
  if (b.status !== 0) throw new Error(b.stderr);
});

afterAll(() => registry?.stop());

describe('npm run package', () => {
  it('writes all 8 charts, each with a provenance file when a key is named', () => {
    expect(readdirSync(signed).sort()).toEqual(CHARTS.flatMap((c) => [`${c}-${V}.tgz`, `${c}-${V}.tgz.prov`]).sort());
    expect(readdirSync(unsigned).sort()).toEqual(CHARTS.map((c) => `${c}-${V}.tgz`).sort());
  });

  it('is reproducible: every subchart byte for byte; the umbrella in every entry, only their order differs', () => {
    for (const c of CHARTS.filter((c) => c !== 'concertmaster')) {
      expect({ c, sha: sha(join(signed, `${c}-${V}.tgz`)) }).toEqual({ c, sha: sha(join(unsigned, `${c}-${V}.tgz`)) });
    }
    const [x, y] = [signed, unsigned].map((d) => join(d, `concertmaster-${V}.tgz`));
    expect(contentDigest(x!)).toBe(contentDigest(y!));
    expect(entries(x!).map((e) => e.name).sort()).toEqual(entries(y!).map((e) => e.name).sort());
  });

  it('the umbrella carries its subcharts', () => {
    const names = entries(join(unsigned, `concertmaster-${V}.tgz`)).map((e) => e.name);
    for (const c of CHARTS.filter((c) => c !== 'concertmaster')) expect(names).toContain(`concertmaster/charts/${c}/Chart.yaml`);
  });

  it('helm verify passes on an intact package and fails on a tampered one', () => {
    const ok = helm(HELMS[0].bin, ['verify', join(signed, `api-${V}.tgz`), '--keyring', key.publicKeyring]);
    expect({ status: ok.status, err: ok.stderr }).toEqual({ status: 0, err: '' });
    const dir = tempDir('tamper');
    const tampered = join(dir, `api-${V}.tgz`);
    const tar = gunzipSync(readFileSync(join(signed, `api-${V}.tgz`)));
    const at = tar.indexOf(Buffer.from('ConcertMaster'));
    tar[at] = 'c'.charCodeAt(0);
    writeFileSync(tampered, gzipSync(tar));
    copyFileSync(join(signed, `api-${V}.tgz.prov`), `${tampered}.prov`);
    for (const { bin } of HELMS) {
      const bad = helm(bin, ['verify', tampered, '--keyring', key.publicKeyring]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/sha256 sum does not match|digest/i);
    }
  });
});

describe('the command line', () => {
  it('takes --flag value, --flag=value, and --boolean[=true|false]', () => {
    const known = { '--registry': 'value', '--plain-http': 'boolean' } as const;
    expect(parseFlags(['--registry=oci://h/p', '--plain-http'], known)).toEqual({ '--registry': 'oci://h/p', '--plain-http': true });
    expect(parseFlags(['--registry', 'oci://h/p', '--plain-http=false'], known)).toEqual({ '--registry': 'oci://h/p', '--plain-http': false });
    expect(() => parseFlags(['--registry='], known)).toThrow('--registry needs a value');
    expect(() => parseFlags(['--plain-http=yes'], known)).toThrow('--plain-http takes no value, or =true or =false');
  });
});

describe('a scheme that does not match the registry', () => {
  // helm falls back to plain HTTP for loopback by itself, so the sandbox's registry cannot show these:
  // the messages are helm's own, for a registry elsewhere.
  it('explains an HTTP registry reached over HTTPS', () => {
    const r = parseRegistry('oci://registry.internal:5000/charts', false);
    expect(explainTransport(r, 'Error: failed to do request: Head "https://registry.internal:5000/v2/charts/api/manifests/0.2.0": http: server gave HTTP response to HTTPS client')).toBe(
      'registry.internal:5000 speaks plain HTTP, not HTTPS: for a registry on loopback, add --plain-http',
    );
  });
  it('explains an HTTPS registry reached with --plain-http', () => {
    const r = parseRegistry('oci://127.0.0.1:5443/charts', true);
    expect(explainTransport(r, 'Error: failed to do request: Head "http://127.0.0.1:5443/v2/charts/api/manifests/0.2.0": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x15\\x03\\x01\\x00\\x02\\x02"')).toBe(
      '127.0.0.1:5443 speaks HTTPS, not plain HTTP: drop --plain-http',
    );
  });
  it('leaves other errors as helm wrote them', () => {
    expect(explainTransport(parseRegistry('oci://ghcr.io/x', false), 'Error: unexpected status: 401 Unauthorized')).toBeUndefined();
  });
});

describe('--plain-http', () => {
  it.each(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000'])('is allowed for %s', (host) => {
    expect(parseRegistry(`oci://${host}/charts`, true).plainHttp).toBe(true);
  });
  it.each(['ghcr.io', '10.0.0.5:5000', 'registry.example.com'])('is refused for %s', (host) => {
    expect(() => parseRegistry(`oci://${host}/charts`, true)).toThrow(/allowed only for loopback registries/);
  });
});

describe.each(HELMS)('release to, pull and render from oci:// with $name', ({ name, bin }) => {
  const path = name === 'helm v4' ? 'concertmaster' : 'concertmaster-helm3';
  const url = () => `oci://${registry.host}/${path}`;

  it('pushes all 8 charts, subcharts first, with their digests', () => {
    const r = cli('release', ['--registry', url(), '--plain-http', '--dist', signed, '--helm', bin]);
    expect(r.stderr).toBe('');
    const pushed = r.stdout.split('\n').filter((l) => l.startsWith('release: pushed '));
    expect(pushed.map((l) => l.split(/\s+/)[2])).toEqual(CHARTS);
    for (const l of pushed) expect(l).toMatch(new RegExp(` ${V.replaceAll(".", "\\.")} sha256:[a-f0-9]{64}$`));
  });

  it('re-publishing is a no-op that says so, even from a fresh packaging', () => {
    const r = cli('release', ['--registry', url(), '--plain-http', '--dist', unsigned, '--helm', bin]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('release: 0 pushed, 8 already there');
  });

  it('accepts --registry=oci://…, prints each chart as it goes, and ends with the install command', () => {
    const r = cli('release', [`--registry=${url()}`, '--plain-http', '--dist', unsigned, '--helm', bin]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('release: skipped ')).map((l) => l.split(/\s+/)[2])).toEqual(CHARTS);
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['release: next, install it:', `  helm install concertmaster ${url()}/concertmaster --version ${V} --plain-http --namespace concertmaster --create-namespace`]);
  });

  it('refuses a changed package under a version that is already published', () => {
    const dir = tempDir('changed');
    for (const f of readdirSync(unsigned)) copyFileSync(join(unsigned, f), join(dir, f));
    const tar = gunzipSync(readFileSync(join(dir, `api-${V}.tgz`)));
    const at = tar.indexOf(Buffer.from('ConcertMaster'));
    tar[at] = 'c'.charCodeAt(0);
    writeFileSync(join(dir, `api-${V}.tgz`), gzipSync(tar));
    const r = cli('release', ['--registry', url(), '--plain-http', '--dist', dir, '--helm', bin]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`api ${V} is already in`);
    expect(r.stderr).toContain('bump the chart\'s version');
  });

  it('helm pull and helm show values work from the registry', () => {
    const dir = tempDir('pull');
    const pull = helm(bin, ['pull', `${url()}/concertmaster`, '--version', `${V}`, '--plain-http', '--destination', dir]);
    expect(pull.status).toBe(0);
    expect(existsSync(join(dir, `concertmaster-${V}.tgz`))).toBe(true);
    const values = helm(bin, ['show', 'values', `${url()}/api`, '--version', `${V}`, '--plain-http']);
    expect(values.status).toBe(0);
    // helm show values prints the file and then a newline of its own.
    expect(values.stdout.trimEnd()).toBe(readFileSync(join(REPO, 'charts/api/values.yaml'), 'utf8').trimEnd());
  });

  it.each([['production', 'us-east-1'], ['dev', 'us-west-2']])('helm template from oci:// equals the charts folder for %s × %s', (env, region) => {
    const files = [`values/env/${env}.yaml`, `values/region/${region}.yaml`];
    const local = helm(bin, templateArgs('charts/concertmaster', files));
    const remote = helm(bin, templateArgs(`${url()}/concertmaster`, files, ['--version', `${V}`, '--plain-http']));
    expect(remote.status).toBe(0);
    // Generated passwords are random in every render that has no cluster to look them up in.
    const strip = (s: string) => s.replace(/password: .*/g, 'password: <random>').replace(/"postgresql:\/\/concertmaster:[A-Za-z0-9]+@/g, '"postgresql://concertmaster:<random>@');
    expect(strip(remote.stdout)).toBe(strip(local.stdout));
  });

  // Installing from oci:// into a cluster is test/sandbox/sandbox.test.ts's 'publishing into the sandbox'.
});
