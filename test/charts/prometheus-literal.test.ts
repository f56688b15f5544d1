/**
 * A `{{ $value }}` meant for Prometheus must pass through both template engines: the generator's
 * (Handlebars, which never sees Helm's braces) and Helm's (where it is written as a string literal).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplate } from '../../generator/core/template.js';
import { HELMS, one, render } from '../support/helm.js';
import { tempDir } from '../support/tmp.js';

const SOURCE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: [[chart]]-alerts
data:
  description: {{ "95th percentile latency is {{ $value }}s" | quote }}
  summary: '{{ "{{" }} $labels.job {{ "}}" }} is slow'
`;

describe.each(HELMS)('a literal Prometheus template under $name', ({ bin }) => {
  it('reaches the rendered object unchanged', () => {
    const chart = tempDir('literal');
    mkdirSync(join(chart, 'templates'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: literal\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'alerts.yaml'), renderTemplate(SOURCE, { chart: 'literal' }, 'alerts.yaml'));
    const cm = one(render(bin, chart), 'ConfigMap');
    expect(cm.metadata.name).toBe('literal-alerts');
    expect(cm['data']).toEqual({ description: '95th percentile latency is {{ $value }}s', summary: '{{ $labels.job }} is slow' });
  });
});
