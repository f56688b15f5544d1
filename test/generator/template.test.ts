import { describe, expect, it } from '@jest/globals';
import { renderTemplate, TemplateError } from '../../generator/core/template.js';

describe('the generation-time templating', () => {
  it('leaves every Helm expression byte for byte', () => {
    const helm = '{{- include "x.labels" . | nindent 4 }}\n{{ .Values.a }}{{/* c */}}{{ "{{" }}\n';
    expect(renderTemplate(helm, {}, 't')).toBe(helm);
  });

  it('fills [[ ]] expressions from the context', () => {
    expect(renderTemplate('{{ include "[[chart]].name" . }}', { chart: 'api' }, 't')).toBe('{{ include "api.name" . }}');
  });

  it('loops with [[#each]]', () => {
    expect(renderTemplate('[[#each names]]{{ .Values.[[this]].enabled }};[[/each]]', { names: ['a', 'b'] }, 't')).toBe(
      '{{ .Values.a.enabled }};{{ .Values.b.enabled }};',
    );
  });

  it('does not HTML-escape', () => {
    expect(renderTemplate('[[v]]', { v: '"<&>"' }, 't')).toBe('"<&>"');
  });

  it('keeps a literal Prometheus {{ $value }} written as a Helm string', () => {
    const source = 'description: {{ "95th percentile latency is {{ $value }}s" | quote }}';
    expect(renderTemplate(source, {}, 't')).toBe(source);
  });

  it('fails on an unknown context key, naming the source', () => {
    expect(() => renderTemplate('[[missing]]', {}, 'generator/charts/x/templates/x.yaml')).toThrow(TemplateError);
    expect(() => renderTemplate('[[missing]]', {}, 'generator/charts/x/templates/x.yaml')).toThrow(/generator\/charts\/x\/templates\/x\.yaml: .*missing/);
  });

  it('refuses sources with its reserved control characters', () => {
    expect(() => renderTemplate('a\u0001b', {}, 'src.yaml')).toThrow(/src\.yaml: contains control characters/);
  });
});
