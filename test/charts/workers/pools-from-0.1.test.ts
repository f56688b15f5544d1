/**
 * worker pools became a map in 0.2.0. A values file written for the previous release (its own production
 * overlay, from git) fails the render with the new shape in the message, under both helms, and the same
 * pools written as a map render the pools they named.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { extract } from '../../../generator/release/baseline.js';
import { PREVIOUS } from '../../../generator/suite/releases.js';
import { byKind, HELMS, helm, parseManifests, templateArgs } from '../../support/helm.js';

const previous = extract(PREVIOUS!.version, PREVIOUS!.commit!);
afterAll(() => rmSync(previous.dir, { recursive: true, force: true }));
const overlay = join(previous.dir, 'values/env/production.yaml');
const region = join(previous.dir, 'values/region/us-east-1.yaml');

describe.each(HELMS)(`the ${PREVIOUS!.version} production overlay, with $name`, ({ bin }) => {
  it('has its pools as a list', () => {
    expect(Array.isArray((parse(readFileSync(overlay, 'utf8')) as { workers: { pools: unknown } }).workers.pools)).toBe(true);
  });

  it('fails the render, showing the map the pools are now', () => {
    const r = helm(bin, templateArgs('charts/concertmaster', [overlay, region]));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('workers.pools is a list: since 0.2.0 it is a map keyed by name, e.g. pools: {default: {queue: celery');
  });

  it('renders the same pools once they are written as a map, as UPGRADING says', () => {
    // The pools alone, converted: the rest of that overlay changed in other ways (UPGRADING lists them).
    const list = (parse(readFileSync(overlay, 'utf8')) as { workers: { pools: ({ name: string } & Record<string, unknown>)[] } }).workers.pools;
    const converted = join(previous.dir, 'pools-as-map.yaml');
    writeFileSync(converted, stringify({ workers: { pools: Object.fromEntries(list.map(({ name, ...pool }) => [name, pool])) } }));
    const r = helm(bin, templateArgs('charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml', converted]));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.not.stringContaining('Error') });
    expect(byKind(parseManifests(r.stdout), 'ScaledObject').map((s) => [s.metadata.name, s.spec.maxReplicaCount])).toEqual(
      list.map((p) => [`concertmaster-workers-${p.name}`, p['maxReplicas']]),
    );
  });
});
