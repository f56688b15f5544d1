/**
 * Renders a GitOps controller can sync: Argo CD and Flux render with `helm template` and no cluster,
 * where `lookup` finds nothing. Staging and production, both regions, render byte-identical output on
 * every run, with no masking: they generate no password (docs/gitops.md). Dev generates its passwords,
 * and its renders differ in exactly those, which also shows the comparison can fail.
 */
import { describe, expect, it } from '@jest/globals';
import { HELMS, helm, parseManifests, templateArgs } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';

const renderText = (bin: string, files: readonly string[]) => {
  const r = helm(bin, templateArgs('charts/concertmaster', files));
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};

describe.each(HELMS)('$name', ({ bin }) => {
  it.each(COMBOS.filter((c) => c.env !== 'dev'))('$env × $region renders the same bytes twice', ({ files }) => {
    const first = renderText(bin, files);
    expect(first.length).toBeGreaterThan(10_000);
    expect(renderText(bin, files)).toBe(first);
  });

  it('dev differs between renders only in the passwords it generates', () => {
    const files = COMBOS.find((c) => c.env === 'dev')!.files;
    const [a, b] = [renderText(bin, files), renderText(bin, files)];
    expect(a).not.toBe(b);
    const changed = (x: string, y: string) => {
      const [ox, oy] = [parseManifests(x), parseManifests(y)];
      return ox.filter((o, i) => JSON.stringify(o) !== JSON.stringify(oy[i])).map((o) => `${o.kind}/${o.metadata.name}`);
    };
    expect(changed(a, b).sort()).toEqual(['Secret/concertmaster-postgres-app', 'Secret/concertmaster-redis']);
  });
});
