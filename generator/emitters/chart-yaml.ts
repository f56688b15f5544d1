/** Chart.yaml: apiVersion v2, the supported Kubernetes range, dependencies and Artifact Hub annotations. */
import { toYaml } from './yaml.js';
import type { ChartDefinition } from '../suite/chart.js';
import { imageReference } from './images.js';

export const KUBE_VERSION = '>=1.30.0-0';
export const HOME = 'https://github.com/concertmaster/concertmaster-charts';

export function chartYaml(chart: ChartDefinition, dependencies: readonly ChartDefinition[]): string {
  const annotations: Record<string, string> = {
    'artifacthub.io/license': 'Apache-2.0',
    'artifacthub.io/category': 'integration-delivery',
    'artifacthub.io/prerelease': 'false',
    'artifacthub.io/containsSecurityUpdates': 'false',
    'artifacthub.io/changes': toYaml(chart.changes.map((c) => ({ kind: c.kind, description: c.description }))),
    'artifacthub.io/links': toYaml([
      { name: 'Chart source', url: `${HOME}/tree/main/charts/${chart.name}` },
      { name: 'Infrastructure plan', url: `${HOME}/blob/main/docs/seed-errata.md` },
    ]),
  };
  // The umbrella lists its subcharts' images too: Artifact Hub scans what the package deploys.
  const images = [chart, ...dependencies].flatMap((c) => c.images.map((img) => ({ name: img.name, image: imageReference(c, img.valuesPath) })));
  if (images.length > 0) annotations['artifacthub.io/images'] = toYaml(images);
  const doc = {
    apiVersion: 'v2',
    name: chart.name,
    description: chart.description,
    type: 'application',
    version: chart.version,
    appVersion: chart.appVersion,
    kubeVersion: KUBE_VERSION,
    home: HOME,
    icon: `${HOME}/raw/main/docs/icon.svg`,
    sources: [HOME],
    keywords: [...chart.keywords],
    maintainers: [{ name: 'ConcertMaster Charts', email: 'charts@concertmaster.io' }],
    ...(dependencies.length > 0 && {
      dependencies: dependencies.map((dep) => ({
        name: dep.name,
        version: dep.version,
        // The subcharts ship inside charts/ (generated), so a fresh clone installs with no dependency step.
        repository: `file://../${dep.name}`,
        condition: `${dep.name}.enabled`,
      })),
    }),
    annotations,
  };
  return toYaml(doc);
}
