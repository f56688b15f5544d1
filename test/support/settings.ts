/**
 * Table-driven setting tests, as the Airflow chart's helm tests do: each case renders one subchart on
 * its own, with --show-only of one template, at the values it names, and asserts on the objects they
 * reach. Cases write their --set arguments out literally so that the setting-coverage scan
 * (test/generator/setting-coverage.test.ts) sees them; files live in test/charts/<chart>/<kind>.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { HELMS, render, type K8sObject } from './helm.js';

export interface SettingCase {
  /** What the case shows, as the test's name. */
  readonly it: string;
  /** The arguments: `'--set', 'key=value'` pairs (or `'--set-json'`). */
  readonly set: readonly string[];
  /** Values files given before the arguments (an environment and region overlay). */
  readonly files?: readonly string[];
  /** Render every template, not only this file's (when the case makes the template render nothing). */
  readonly allTemplates?: boolean;
  /** The assertions on what the template rendered. */
  readonly expect: (objects: K8sObject[]) => void;
}

/**
 * Runs every case under both helm majors against charts/<chart>, showing only templates/<template>
 * (or, in the umbrella, a subchart's `charts/<subchart>/templates/<template>`).
 */
export function settingCases(chart: string, template: string, cases: readonly SettingCase[]): void {
  const shown = template.startsWith('charts/') ? template : `templates/${template}`;
  describe.each(HELMS)(`${chart}: ${template} with $name`, ({ bin }) => {
    it.each(cases.map((c) => [c.it, c] as const))('%s', (_name, c) => {
      const only = c.allTemplates ? [] : ['--show-only', shown];
      c.expect(render(bin, `charts/${chart}`, c.files ?? [], [...only, ...c.set]));
    });
  });
}

/** The first container of a workload's pod template. */
export const container = (o: K8sObject) => o.spec.template.spec.containers[0];
/** A workload's pod spec. */
export const podSpec = (o: K8sObject) => o.spec.template.spec;

/**
 * What the pod-metadata cases set (podAnnotations example.com/owner and podLabels team, both "forms")
 * reaches every pod template of `workloads`, and never a selector.
 */
export function expectPodMetadata(workloads: readonly K8sObject[]): void {
  expect(workloads.length).toBeGreaterThan(0);
  for (const o of workloads) {
    expect(o.spec.template.metadata.annotations['example.com/owner']).toBe('forms');
    expect(o.spec.template.metadata.labels.team).toBe('forms');
    expect(o.spec.selector?.matchLabels?.team).toBeUndefined();
  }
}
