/**
 * Which shared helper files a chart carries is derived from what its templates call
 * (emitters/templates.ts): these tests pin the result, plant calls to see it follow, and check the
 * committed charts, where every call must resolve inside the chart that makes it.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { callsOf, definesOf, HelperError, renderChartTemplates } from '../../generator/emitters/templates.js';
import { allCharts } from '../../generator/suite/suite.js';
import { REPO } from '../support/paths.js';

const chart = (name: string) => allCharts.find((c) => c.name === name)!;
const context = (name: string) => ({ chart: name, subcharts: allCharts.slice(1).map((c) => c.name) });
const sharedFiles = (name: string, callers: { source: string; content: string }[] = []) =>
  renderChartTemplates(chart(name), context(name), callers)
    .filter((t) => t.source.startsWith('generator/charts/_shared/'))
    .map((t) => t.path);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

describe('shared helpers are carried by what a chart calls', () => {
  it.each([
    ['mesh', ['_helpers.tpl', '_names.tpl']],
    ['dr', ['_helpers.tpl', '_names.tpl', '_objectstore.tpl']],
    ['api', ['_autoscaling.tpl', '_connections.tpl', '_disruption.tpl', '_helpers.tpl', '_names.tpl', '_networkpolicy.tpl', '_pod.tpl', '_scheduling.tpl', '_serviceaccount.tpl']],
    ['postgres', ['_disruption.tpl', '_helpers.tpl', '_names.tpl', '_networkpolicy.tpl', '_objectstore.tpl', '_password.tpl', '_pod.tpl', '_scheduling.tpl', '_serviceaccount.tpl']],
  ])('%s carries exactly its callees', (name, expected) => {
    // checks.yaml calls quantity (in _helpers.tpl), which every chart carries anyway through its labels.
    expect(sharedFiles(name)).toEqual(expected.map((f) => `templates/${f}`));
  });

  it('a planted call carries the file that defines it, and what that file calls in turn', () => {
    const planted = [{ source: 'planted.yaml', content: '{{ include "mesh.podDefaults" . }}' }];
    expect(sharedFiles('mesh', planted)).toEqual(expect.arrayContaining(['templates/_pod.tpl', 'templates/_scheduling.tpl']));
  });

  it('a call inside a template comment carries nothing', () => {
    const planted = [{ source: 'planted.yaml', content: '{{- /* include "mesh.podDefaults" . */ -}}' }];
    expect(sharedFiles('mesh', planted)).toEqual(['templates/_helpers.tpl', 'templates/_names.tpl']);
  });

  it('a call to a helper no file defines fails, naming the caller and the helper', () => {
    const planted = [{ source: 'generator/charts/mesh/templates/planted.yaml', content: '{{ include "mesh.noSuchHelper" . }}' }];
    expect(() => sharedFiles('mesh', planted)).toThrow(HelperError);
    expect(() => sharedFiles('mesh', planted)).toThrow('generator/charts/mesh/templates/planted.yaml: calls the helper "mesh.noSuchHelper", which the mesh chart does not define');
  });

  it('another chart\'s helper is not this chart\'s: the workers cannot call an api.* helper', () => {
    const planted = [{ source: 'planted.yaml', content: '{{ include "api.connectionEnv" . }}' }];
    expect(() => sharedFiles('workers', planted)).toThrow('calls the helper "api.connectionEnv", which the workers chart does not define');
  });
});

describe.each(allCharts.map((c) => c.name))('the committed chart %s', (name) => {
  const dir = join(REPO, 'charts', name, 'templates');
  const sources = filesUnder(dir).map((f) => ({ file: f, content: readFileSync(f, 'utf8') }));
  const defined = new Set(sources.flatMap((s) => definesOf(s.content)));

  it('calls only helpers it carries', () => {
    const missing = sources.flatMap((s) => callsOf(s.content).filter((n) => !defined.has(n)).map((n) => `${s.file}: ${n}`));
    expect(missing).toEqual([]);
  });

  it('carries no shared helper file it never calls', () => {
    const calls = new Set(sources.flatMap((s) => callsOf(s.content)));
    const idle = sources.filter((s) => /\/_[^/]+\.tpl$/.test(s.file) && definesOf(s.content).length > 0 && !definesOf(s.content).some((d) => calls.has(d)));
    expect(idle.map((s) => s.file)).toEqual([]);
  });
});

describe('names fit by construction', () => {
  // suite.join (_names.tpl) cuts every name that can overflow; a hand-counted `trunc 54` elsewhere
  // would have to agree with its twin in another file, and silently drift when a suffix changes.
  it('no template source cuts with a literal number', () => {
    const sources = filesUnder(join(REPO, 'generator/charts')).filter((f) => /\.(tpl|yaml|txt)$/.test(f));
    const cuts = sources.flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/\btrunc\s+\d/.test(line) ? [`${f.slice(REPO.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(cuts).toEqual([]);
  });
});
