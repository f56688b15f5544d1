import { describe, expect, it } from '@jest/globals';
import { group, int, overrides, recordList, recordMap, str, stringMap } from '../../generator/core/values.js';
import { checkDeclared, collectReferences, ReferenceError, unusedValues } from '../../generator/checks/references.js';

const model = group('m', {
  replicas: int('r', 1),
  labels: stringMap('l'),
  probe: group('p', { period: int('p', 5), timeout: int('t', 1) }),
});
const tpl = (content: string) => [{ path: 'templates/x.yaml', source: 'generator/charts/x/templates/x.yaml', content }];

describe('template references', () => {
  it.each([
    ['{{ .Values.replicas }}', 'replicas'],
    ['{{ $.Values.probe.period }}', 'probe.period'],
    ['{{ include "x" (dict "image" .root.Values.labels) }}', 'labels'],
  ])('are collected from %s', (content, path) => {
    expect(collectReferences(tpl(content)).map((r) => r.path.join('.'))).toEqual([path]);
  });

  it.each([
    ['{{ with .Values.probe }}{{ .period }}{{ end }}', ['probe', 'probe.period']],
    ['{{ with .Values.probe }}{{ .period }}{{ else }}{{ .Values.replicas }}{{ end }}', ['probe', 'probe.period', 'replicas']],
    ['{{ $p := .Values.probe }}{{ $p.timeout }}', ['probe', 'probe.timeout']],
    ['{{ $v := $.Values }}{{ $v.probe.period }}', ['probe.period']],
    ['{{ range $i, $item := .Values.pools }}{{ $item.name }}{{ end }}', ['pools', 'pools.name']],
    ['{{ range .Values.pools }}{{ .queue }}{{ $.Values.replicas }}{{ end }}', ['pools', 'pools.queue', 'replicas']],
    ['{{ define "h" }}{{ .root.Values.replicas }}{{ .image.tag }}{{ end }}', ['replicas']],
    ['{{ if .Values.replicas }}{{ with .Values.probe }}{{ .period }}{{ end }}{{ .Values.labels.x }}{{ end }}', ['replicas', 'probe', 'probe.period', 'labels.x']],
    ['{{ "{{ $value }}" | quote }} {{ .Values.replicas }}', ['replicas']],
    ['{{- /* {{ .Values.nothing }} */ -}}{{ .Values.replicas }}', ['replicas']],
  ])('follow with, range and variables in %s', (content, paths) => {
    expect(collectReferences(tpl(content)).map((r) => r.path.join('.'))).toEqual(paths);
  });

  it('check the fields of a list of records against the item model, naming an unknown one', () => {
    const withPools = group('m', { pools: recordList('p', group('pool', { name: str('n', 'a'), queue: str('q', 'b') }), []) });
    expect(() => checkDeclared('c', withPools, collectReferences(tpl('{{ range $p := .Values.pools }}{{ $p.name }}{{ end }}')))).not.toThrow();
    expect(() => checkDeclared('c', withPools, collectReferences(tpl('{{ range $p := .Values.pools }}{{ $p.nmae }}{{ end }}')))).toThrow(
      'generator/charts/x/templates/x.yaml: .Values.pools.nmae is not declared in the c model',
    );
  });

  it('check the fields of a map of records and of a record\'s overrides against their models', () => {
    const item = group('pool', { queue: str('q', 'b'), autoscaling: overrides('o', group('a', { listLength: int('l', 1) })) });
    const withPools = group('m', { pools: recordMap('p', item, {}, { keyPattern: '^[a-z]+$', since: '0.2.0', example: 'e.g.' }) });
    const check = (content: string) => () => checkDeclared('c', withPools, collectReferences(tpl(content)));
    expect(check('{{ range $name, $p := .Values.pools }}{{ $name }}{{ $p.queue }}{{ $p.autoscaling.listLength }}{{ end }}')).not.toThrow();
    expect(check('{{ range $name, $p := .Values.pools }}{{ $p.autoscaling.listLenght }}{{ end }}')).toThrow('.Values.pools.autoscaling.listLenght is not declared in the c model');
  });

  it('count a leaf read inside `with` as used, and a sibling never read as unused', () => {
    expect(unusedValues(model, collectReferences(tpl('{{ with .Values.probe }}{{ .period }}{{ end }}{{ .Values.replicas }}{{ .Values.labels }}')))).toEqual(['probe.timeout']);
  });

  it('refuse a bare .Values, which cannot be checked', () => {
    expect(() => collectReferences(tpl('{{ index .Values "replicas" }}'))).toThrow(/x\.yaml: a bare \.Values/);
  });

  it.each(['replicas', 'probe', 'probe.period', 'labels.app'])('accept the declared path %s', (path) => {
    expect(() => checkDeclared('c', model, collectReferences(tpl(`{{ .Values.${path} }}`)))).not.toThrow();
  });

  it.each(['replica', 'probe.periodSeconds', 'replicas.deeper', 'nothing.at.all'])('reject the undeclared path %s, naming it', (path) => {
    const refs = collectReferences(tpl(`{{ .Values.${path} }}`));
    expect(() => checkDeclared('c', model, refs)).toThrow(ReferenceError);
    expect(() => checkDeclared('c', model, refs)).toThrow(`generator/charts/x/templates/x.yaml: .Values.${path} is not declared in the c model`);
  });

  it('report declared values that no template uses', () => {
    expect(unusedValues(model, collectReferences(tpl('{{ .Values.probe }}')))).toEqual(['replicas', 'labels']);
    expect(unusedValues(model, collectReferences(tpl('{{ .Values.probe.timeout }} {{ .Values.labels.x }}')))).toEqual(['replicas', 'probe.period']);
  });
});
