/**
 * Every file in test/fixtures/invalid-values must be rejected by `helm template` of the umbrella, under
 * both Helm majors, with an error that names the key. The first line of each file says what the error
 * must contain.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELMS, helm, templateArgs } from '../support/helm.js';
import { REPO } from '../support/paths.js';

const DIR = join(REPO, 'test/fixtures/invalid-values');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const first = readFileSync(join(DIR, file), 'utf8').split('\n')[0]!;
    const expected = /^# expect: (.+)$/.exec(first)?.[1];
    if (!expected) throw new Error(`${file}: the first line must be "# expect: <text the error must contain>"`);
    return { file, expected };
  });

describe('invalid values files', () => {
  it('are at least 15', () => expect(cases.length).toBeGreaterThanOrEqual(15));
});

describe.each(HELMS)('$name rejects', ({ bin }) => {
  it.each(cases)('$file', ({ file, expected }) => {
    const r = helm(bin, templateArgs('charts/concertmaster', [join(DIR, file)]));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(expected);
  });
});

// global is closed in every chart's schema, not only the umbrella's (invalid files above go through it).
const CHARTS = readdirSync(join(REPO, 'charts')).sort();
describe.each(HELMS)('$name refuses a typo under global in every chart on its own', ({ bin }) => {
  it.each(CHARTS)('%s', (chart) => {
    const r = helm(bin, templateArgs(`charts/${chart}`, [], ['--set', 'global.regoin=us-east-1']));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/at '\/global': additional properties 'regoin' not allowed/);
  });
});
