import { describe, expect, it } from '@jest/globals';
import { group, int, stringMap } from '../../generator/core/values.js';
import { checkDeclared, collectReferences, ReferenceError, unusedValues } from '../../generator/emitters/references.js';

const model = group('m', {
  replicas: int('r', 1),
  labels: stringMap('l'),
  probe: group('p', { period: int('p', 5), timeout: int('t', 1) }),
});
const tpl = (content: string) => [{ path: 'templates/x.yaml', source: 'generator/templates/x.yaml', content }];

describe('template references', () => {
  it.each([
    ['{{ .Values.replicas }}', 'replicas'],
    ['{{ $.Values.probe.period }}', 'probe.period'],
    ['{{ include "x" (dict "image" .root.Values.labels) }}', 'labels'],
  ])('are collected from %s', (content, path) => {
    expect(collectReferences(tpl(content)).map((r) => r.path.join('.'))).toEqual([path]);
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
    expect(() => checkDeclared('c', model, refs)).toThrow(`generator/templates/x.yaml: .Values.${path} is not declared in the c model`);
  });

  it('report declared values that no template uses', () => {
    expect(unusedValues(model, collectReferences(tpl('{{ .Values.probe }}')))).toEqual(['replicas', 'labels']);
    expect(unusedValues(model, collectReferences(tpl('{{ .Values.probe.timeout }} {{ .Values.labels.x }}')))).toEqual(['replicas', 'probe.period']);
  });
});
