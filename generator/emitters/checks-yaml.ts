/**
 * templates/checks.yaml: what a chart refuses before it applies anything.
 * - Its invariants as Helm template actions (generator/core/rules.ts): the render fails once, listing
 *   every violated rule by the key path the user writes.
 * - The preflight (global.preflight.secrets): where the render sees a cluster (install, upgrade), every
 *   Secret the release reads but does not make must exist; the failure lists each missing one with the
 *   command that creates it. `helm template` and GitOps renders, which see no cluster, skip it.
 * - The operators (global.preflight.operators): where the render sees a cluster, every custom resource
 *   API the values render must be served; the failure lists each missing operator once, with its
 *   version and install command, before helm's "no matches for kind" could name only the first.
 * In the umbrella it checks its own rules, global's, and every enabled subchart's; a subchart inside the
 * umbrella leaves its checks to it.
 */
import { goCond, goRef, helmChecks, type ChartRules } from '../core/rules.js';
import type { ChartDefinition, SecretUse } from '../suite/chart.js';
import { OPERATORS, type OperatorUse } from '../suite/operators.js';
import { globalRules } from '../charts/_shared/global.js';
import { rulesOf } from '../checks/invariants.js';
import { header } from './files.js';

export const CHECKS_PATH = 'templates/checks.yaml';

/** `--from-literal=…` with {key:<path>} replaced by the value at the path. */
function literals(use: SecretUse, root: string): string {
  const parts = use.literals.split(/(\{key:[^}]+\})/).filter(Boolean);
  return `(print ${parts.map((p) => (p.startsWith('{key:') ? goRef(p.slice(5, -1), root) : JSON.stringify(p))).join(' ')})`;
}

interface Section<U> { readonly root: string; readonly enabled?: string; readonly uses: readonly U[] }

/**
 * A check that runs only where the render sees a cluster (lookup answers) and global.preflight.<flag>
 * is on: `init` opens its state, `perUse` adds to it for each use of each enabled section (its values as
 * $v), and `report` fails with what was collected.
 */
function clusterCheck<U>(flag: string, init: string, sections: readonly Section<U>[], perUse: (use: U) => string[], report: string[]): string {
  if (sections.every((s) => s.uses.length === 0)) return '';
  const lines = [`{{- if and $.Values.global.preflight.${flag} (lookup "v1" "Namespace" "" "kube-system") }}`, init];
  for (const s of sections.filter((x) => x.uses.length > 0)) {
    lines.push(`{{- $v := ${s.root} }}`);
    if (s.enabled) lines.push(`{{- if ${s.enabled} }}`);
    for (const use of s.uses) lines.push(...perUse(use));
    if (s.enabled) lines.push('{{- end }}');
  }
  lines.push(...report, '{{- end }}');
  return lines.join('\n') + '\n';
}

const secretsPreflight = (sections: readonly Section<SecretUse>[]) =>
  clusterCheck('secrets', '{{- $missing := list }}', sections, (use) => [
    `{{- if ${use.when ? goCond(use.when, '$v') : 'true'} }}`,
    `{{- with ${goRef(use.name, '$v')} }}`,
    '{{- if not (lookup "v1" "Secret" $.Release.Namespace .) }}',
    `{{- $missing = append $missing (printf "%s: kubectl --namespace %s create secret generic %s %s" . $.Release.Namespace . ${literals(use, '$v')}) }}`,
    '{{- end }}', '{{- end }}', '{{- end }}',
  ], [
    '{{- if $missing }}',
    '{{- fail (printf "Secrets the release reads are missing from namespace %s; create them first, or set global.preflight.secrets=false to skip this check:\\n  %s" $.Release.Namespace (join "\\n  " (uniq $missing))) }}',
    '{{- end }}',
  ]);

const operatorPreflight = (sections: readonly Section<OperatorUse>[]) =>
  clusterCheck('operators', '{{- $operators := dict }}', sections, (use) => {
    const op = OPERATORS[use.operator];
    const key = JSON.stringify(`${op.name} ${op.version}: ${op.install}`);
    return [
      `{{- if and ${use.when ? goCond(use.when, '$v') : 'true'} (not ($.Capabilities.APIVersions.Has ${JSON.stringify(use.api)})) }}`,
      `{{- $_ := set $operators ${key} (append (get $operators ${key} | default list) ${JSON.stringify(use.api)}) }}`,
      '{{- end }}',
    ];
  }, [
    '{{- if $operators }}', '{{- $lines := list }}',
    '{{- range $op := keys $operators | sortAlpha }}{{- $lines = append $lines (printf "%s\\n    (for %s)" $op (join ", " (get $operators $op | uniq))) }}{{- end }}',
    '{{- fail (printf "The cluster does not serve the custom resources this release renders; install these operators first (scripts/install-operators.sh installs them all), or set global.preflight.operators=false to skip this check:\\n  %s" (join "\\n  " $lines)) }}',
    '{{- end }}',
  ]);

export function checksYaml(chart: ChartDefinition, umbrella: ChartDefinition, subcharts: readonly ChartDefinition[]): string {
  const isUmbrella = chart === umbrella;
  const sections: ChartRules[] = [{ section: '', rules: [...globalRules, ...rulesOf(chart, isUmbrella ? subcharts.map((s) => s.name) : [])] }];
  if (isUmbrella) for (const sub of subcharts) sections.push({ section: sub.name, rules: rulesOf(sub) });
  // The umbrella checks each enabled subchart's uses, with that subchart's values as $v.
  const sectionsOf = <U>(pick: (c: ChartDefinition) => readonly U[] | undefined): Section<U>[] => isUmbrella
    ? subcharts.map((s) => ({ root: `$.Values.${s.name}`, enabled: `$.Values.${s.name}.enabled`, uses: pick(s) ?? [] }))
    : [{ root: '$.Values', uses: pick(chart) ?? [] }];
  let body = helmChecks(chart.name, sections) + operatorPreflight(sectionsOf((c) => c.operatorUses)) + secretsPreflight(sectionsOf((c) => c.secretUses));
  if (!isUmbrella) {
    // Inside the umbrella, which checks everything at once with the paths the user writes.
    body = `{{- if not (hasSuffix (printf "${umbrella.name}/charts/%s/templates" .Chart.Name) .Template.BasePath) }}\n${body}{{- end }}\n`;
    body = `{{- if .Values.enabled }}\n${body}{{- end }}\n`;
  }
  return header(`charts/${chart.name}/${CHECKS_PATH}`, `${chart.modelSource} (its invariants and the Secrets it reads)`) + body;
}
