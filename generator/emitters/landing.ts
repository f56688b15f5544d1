/**
 * The umbrella's README as a landing page, which Artifact Hub and `helm show readme oci://…` show to a
 * user who has only the registry: the install, the operators each environment needs, the Secrets to
 * create, the keys to change, how the overlays layer, then the parameters chart by chart. Every list is
 * computed from the models and overlays, so it cannot drift from what the charts do.
 */
import { defaultsOf, leaves } from '../core/values.js';
import { condHolds, getPath } from '../core/rules.js';
import type { ChartDefinition } from '../suite/chart.js';
import { OPERATORS, withPrerequisites, type Operator } from '../suite/operators.js';
import { requiredApis } from '../suite/suite.js';
import { environments, regions } from '../overlays/index.js';
import { overlaidValues } from '../capacity/configurations.js';
import { KUBE_VERSION } from './chart-yaml.js';
import { header } from './files.js';
import { cell, typeOf } from './readme.js';

const REGISTRY = 'oci://ghcr.io/<owner>/charts';



function prerequisites(umbrella: ChartDefinition, subcharts: readonly ChartDefinition[]): string {
  const primary = regions[0]!;
  const needs = new Map(environments.map((e) => [e.name, withPrerequisites(new Set(requiredApis(overlaidValues(e.name, primary.name) as Record<string, unknown>, subcharts).map((r) => r.operator.name)))]));
  const rows = Object.entries(OPERATORS).map(([key, op]) => {
    const kinds = [...new Set(subcharts.flatMap((c) => c.operatorUses ?? []).filter((u) => u.operator === key).map((u) => u.api.split('/').pop()!))];
    const dependents = (Object.values(OPERATORS) as Operator[]).filter((o) => o.needs === key).map((o) => o.name);
    const without = kinds.length > 0 ? `the install refuses to render ${kinds.join(', ')}` : `${dependents.join(' and ')} cannot start`;
    return `| ${cell(op.name)} | ${op.version} | ${environments.map((e) => (needs.get(e.name)!.has(op.name) ? 'needed' : '–')).join(' | ')} | \`${cell(op.install)}\` | ${cell(without)} |`;
  });
  return [
    `| Operator | Version we test | ${environments.map((e) => e.name).join(' | ')} | Install | Without it |`,
    `| --- | --- | ${environments.map(() => '---').join(' | ')} | --- | --- |`,
    ...rows,
  ].join('\n');
}

function checklist(umbrella: ChartDefinition, subcharts: readonly ChartDefinition[]): string {
  const production = environments.find((e) => e.name === 'production')!;
  const v = overlaidValues(production.name, regions[0]!.name) as Record<string, unknown>;
  const commands = new Map<string, string>();
  for (const chart of subcharts) {
    const own = v[chart.name] as Record<string, unknown>;
    if (own?.['enabled'] === false) continue;
    for (const use of chart.secretUses ?? []) {
      if (use.when && !condHolds(use.when, own, v['global'])) continue;
      const name = String((use.name.startsWith('global.') ? getPath(v, use.name) : getPath(own, use.name)) ?? '');
      if (!name) continue;
      const literals = use.literals.replace(/\{key:([^}]+)\}/g, (_m, p: string) => String((p.startsWith('global.') ? getPath(v, p) : getPath(own, p)) ?? ''));
      commands.set(name, `kubectl -n <namespace> create secret generic ${name} ${literals}`);
    }
  }
  const tls = getPath(v, 'mesh.gateway.tlsCredentialName');
  if (getPath(v, 'mesh.enabled') && tls) commands.set(String(tls), `kubectl -n istio-system create secret tls ${String(tls)} --cert=<certificate.pem> --key=<key.pem>   # in the ingress gateway's namespace`);
  return ['```sh', ...[...commands.values()], '```'].join('\n');
}

const KEYS: readonly [string, string][] = [
  ['mesh.hosts', 'the host names the API answers on'],
  ['mesh.gateway.tlsCredentialName', 'the TLS Secret of those hosts, in the gateway\'s namespace'],
  ['global.objectStore.destinationPrefix', 'your bucket for PostgreSQL backups and WAL (the region is appended)'],
  ['global.objectStore.credentials', 'static keys (secret) or the pods\' IAM role (iam: IRSA through postgres.serviceAccount.annotations, or EKS Pod Identity)'],
  ['global.objectStore.credentialsSecret', 'the Secret with the bucket\'s keys, with credentials secret'],
  ['global.region', 'this installation\'s region (the region overlay sets it)'],
  ['global.zones', 'the zones the workloads spread over (the region overlay sets them)'],
  ['global.dr.regions', 'the regions of the disaster-recovery topology'],
  ['global.dr.primaryRegion', 'the writable region; change it in every region to switch over'],
  ['global.imageRegistry', 'your mirror of every image'],
  ['api.image.tag', 'the API image; empty uses the chart\'s appVersion'],
  ['workers.image.tag', 'the worker image; empty uses the chart\'s appVersion'],
  ['postgres.storage.storageClass', 'the StorageClass of PostgreSQL\'s volumes'],
];

function keysYouWillChange(umbrella: ChartDefinition): string {
  const defaults = defaultsOf(umbrella.model);
  const production = overlaidValues('production', regions[0]!.name);
  const show = (x: unknown) => `\`${cell(JSON.stringify(x ?? null))}\``;
  return [
    `| Key | What | Chart default | production + ${regions[0]!.name} |`,
    '| --- | --- | --- | --- |',
    ...KEYS.map(([path, what]) => `| \`${path}\` | ${cell(what)} | ${show(getPath(defaults, path))} | ${show(getPath(production, path))} |`),
  ].join('\n');
}

/** The parameter table, one section per top-level key, so that each chart's keys stand together. */
export function sectionedParameters(chart: ChartDefinition): string {
  const groups = new Map<string, string[]>();
  for (const [path, leaf] of leaves(chart.model)) {
    const section = path.length > 1 ? path[0]! : '(top level)';
    if (!groups.has(section)) groups.set(section, []);
    groups.get(section)!.push(`| \`${path.join('.')}\` | ${cell(typeOf(leaf.schema))} | \`${cell(JSON.stringify(leaf.default))}\` | ${cell(leaf.description)} |`);
  }
  return [...groups].map(([section, rows]) => `### \`${section}\`\n\n| Key | Type | Default | Description |\n| --- | --- | --- | --- |\n${rows.join('\n')}`).join('\n\n');
}

export function landingReadme(umbrella: ChartDefinition, subcharts: readonly ChartDefinition[], sources: string): string {
  const [primary, replica] = [regions[0]!.name, regions[1]!.name];
  return `${header('README.md', sources)}# ${umbrella.name}

${umbrella.description}

| Chart version | App version | Kubernetes |
| --- | --- | --- |
| ${umbrella.version} | ${umbrella.appVersion} | \`${KUBE_VERSION}\` |

## TL;DR

\`\`\`sh
# dev: everything in the namespace, no operator needed
helm install concertmaster ${REGISTRY}/concertmaster --version ${umbrella.version} -n concertmaster --create-namespace

# production: the package carries the environment and region overlays
helm pull ${REGISTRY}/concertmaster --version ${umbrella.version} --untar
helm install concertmaster ./concertmaster -n concertmaster --create-namespace \\
  -f concertmaster/values-production.yaml -f concertmaster/values-${primary}.yaml   # the primary region first
helm install concertmaster ./concertmaster -n concertmaster --create-namespace \\
  -f concertmaster/values-production.yaml -f concertmaster/values-${replica}.yaml   # then, in its own cluster, the replica region
\`\`\`

Staging and production need the operators and Secrets below first; \`helm install\` checks both and
lists whatever is missing with the command that fixes it (\`global.preflight\`).

## Prerequisites

${prerequisites(umbrella, subcharts)}

The repository's \`scripts/install-operators.sh\` installs every row, in order: cert-manager first, which
the Barman Cloud plugin's and the OpenTelemetry operator's webhooks need.

## Production checklist

Create these Secrets in the release's namespace (and the TLS Secret in the ingress gateway's) before
installing production; generated passwords never go in values files:

${checklist(umbrella, subcharts)}

## Keys you will change

${keysYouWillChange(umbrella)}

## Layering

Pass the environment overlay first, then the region overlay, then your own files:
\`-f values-<environment>.yaml -f values-<region>.yaml -f mine.yaml\`. A later file wins key by key,
and the region overlays change what the environment sets (${replica}, a replica region, runs fewer
PostgreSQL instances). Each overlay records its layer in \`global.layering\`, so a region overlay given
before its environment fails the render and says so, instead of installing the environment's values
over the region's.

## Uninstall

\`helm uninstall <release>\` keeps, by design (\`helm.sh/resource-policy: keep\`, or created by a
StatefulSet): the PostgreSQL and Redis volumes, the passwords the charts generated (a reinstall must read
the data they protect), and the ServiceAccounts (a rollback to a release without one would delete it
while pods still name it). Delete what you no longer need:
\`kubectl -n <namespace> delete pvc,secret,serviceaccount -l app.kubernetes.io/instance=<release>\`.

## Parameters

Every key below is in \`values.yaml\` with its description and checked by \`values.schema.json\`; an
unknown key or a wrong type fails \`helm install\` and \`helm template\` with the key's path.

${sectionedParameters(umbrella)}
`;
}
