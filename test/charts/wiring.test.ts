/**
 * Every Secret, ConfigMap and Service a pod (or a custom resource) references exists in the same
 * umbrella render, is created by an operator from a resource in it, or is declared external below.
 */
import { describe, expect, it } from '@jest/globals';
import { HELMS, render } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';
import { providedBy, referencesOf } from '../support/wiring.js';

/** Names the suite expects from elsewhere, each with the reason. */
const EXTERNAL: Record<string, string> = {
  'Secret/concertmaster-db-credentials': 'production\'s database credentials: the same Secret in every region, from your secret manager',
  'Secret/backup-credentials': 'the object store credentials (ACCESS_KEY_ID, SECRET_ACCESS_KEY), from your secret manager',
};

describe.each(HELMS)('$name', ({ bin }) => {
  describe.each(COMBOS)('umbrella with $env × $region', ({ files }) => {
    const objects = render(bin, 'charts/concertmaster', files);

    it('references only what it provides or declares external', () => {
      const provided = providedBy(objects);
      const dangling = referencesOf(objects)
        .filter((r) => !provided.has(`${r.kind}/${r.name}`) && !EXTERNAL[`${r.kind}/${r.name}`])
        .map((r) => `${r.from} -> ${r.kind}/${r.name}`);
      expect([...new Set(dangling)]).toEqual([]);
    });

    it('finds references to check (the check itself is not empty)', () => {
      expect(referencesOf(objects).length).toBeGreaterThan(10);
    });
  });

  it('catches a reference to a Secret that nothing provides', () => {
    const objects = render(bin, 'charts/concertmaster', [], ['--set', 'api.database.existingSecret=nowhere']);
    const provided = providedBy(objects);
    expect(referencesOf(objects).filter((r) => !provided.has(`${r.kind}/${r.name}`)).map((r) => r.name)).toContain('nowhere');
  });
});
