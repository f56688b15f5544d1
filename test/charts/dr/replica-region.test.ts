/** Disaster recovery across the suite: the replica region's Cluster and the dr chart's peer ObjectStores, promotion and demotion by values, and the generator's refusal of two primaries. */
import { describe, expect, it } from '@jest/globals';
import { HELMS, named, render, type K8sObject } from '../../support/helm.js';
import { buildSuite, defaultSuite } from '../../../generator/generate.js';
import { CURRENT } from '../../../generator/suite/releases.js';

const prod = (region: string) => ['values/env/production.yaml', `values/region/${region}.yaml`];
const cluster = (objects: readonly K8sObject[]) => named(objects, 'Cluster', 'concertmaster-postgres');

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-west-2: the replica', () => {
    const objects = render(bin, 'charts/concertmaster', prod('us-west-2'));
    const spec = cluster(objects).spec;

    it('has 2 instances, bootstraps from the primary\'s object store and follows it', () => {
      expect(spec.instances).toBe(2);
      expect(spec.bootstrap).toEqual({
        recovery: { source: 'us-east-1', database: 'concertmaster', owner: 'concertmaster', secret: { name: 'concertmaster-db-credentials' } },
      });
      expect(spec.replica).toEqual({ self: 'us-west-2', primary: 'us-east-1', source: 'us-east-1' });
      expect(spec.externalClusters).toEqual(
        ['us-east-1', 'us-west-2'].map((r) => ({
          name: r,
          plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: `concertmaster-postgres-${r}`, serverName: 'concertmaster-postgres' } },
        })),
      );
    });

    it('reads the primary region\'s store through the dr chart', () => {
      const peer = named(objects, 'ObjectStore', 'concertmaster-postgres-us-east-1');
      expect(peer.metadata.labels?.['helm.sh/chart']).toBe(`dr-${CURRENT.version}`);
      expect(peer.spec.configuration.destinationPath).toBe('s3://concertmaster-backups/postgres/us-east-1');
    });

    it('labels and annotates every object with its region', () => {
      expect(cluster(objects).metadata.annotations).toEqual({ 'concertmaster.io/environment': 'production', 'concertmaster.io/region': 'us-west-2' });
    });
  });

  describe('promotion and demotion are a helm upgrade with changed values', () => {
    const flip = ['--set', 'global.dr.primaryRegion=us-west-2', '--set', 'global.dr.promotionToken=token-from-us-east-1'];

    it('the replica becomes primary, with the demotion token, and its bootstrap does not change', () => {
      const before = cluster(render(bin, 'charts/concertmaster', prod('us-west-2'))).spec;
      const after = cluster(render(bin, 'charts/concertmaster', prod('us-west-2'), flip)).spec;
      expect(after.replica).toEqual({ self: 'us-west-2', primary: 'us-west-2', source: 'us-west-2', promotionToken: 'token-from-us-east-1' });
      expect(after.bootstrap).toEqual(before.bootstrap);
    });

    it('the old primary becomes a replica of the new one, and its bootstrap does not change', () => {
      const before = cluster(render(bin, 'charts/concertmaster', prod('us-east-1'))).spec;
      const after = cluster(render(bin, 'charts/concertmaster', prod('us-east-1'), flip)).spec;
      expect(after.replica.primary).toBe('us-west-2');
      expect(after.replica.self).toBe('us-east-1');
      expect(after.bootstrap).toEqual(before.bootstrap);
    });
  });
});

describe('the generator refuses region overlays that would make both regions primary', () => {
  it('when us-west-2 names itself primary', () => {
    const [east, west] = defaultSuite.regions;
    const rogue = { ...west!, values: { ...west!.values, global: { ...west!.values.global, dr: { primaryRegion: 'us-west-2' } } } };
    expect(() => buildSuite({ ...defaultSuite, regions: [east!, rogue] })).toThrow(
      /global\.dr\.primaryRegion differs between the regions of production \(us-east-1 says us-east-1, us-west-2 says us-west-2\)/,
    );
  });
});
