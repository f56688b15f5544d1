/** Image references built from a chart's default values, for Artifact Hub. */
import { defaultsOf, nodeAt } from '../core/values.js';
import type { ChartDefinition } from '../suite/chart.js';

interface ImageDefaults {
  registry: string;
  repository: string;
  tag: string;
  digest: string;
}

export function imageReference(chart: ChartDefinition, valuesPath: readonly string[]): string {
  const node = nodeAt(chart.model, valuesPath);
  if (!node) throw new Error(`chart ${chart.name}: image path ${valuesPath.join('.')} is not declared in its model`);
  const img = defaultsOf(node) as ImageDefaults;
  const name = img.registry ? `${img.registry}/${img.repository}` : img.repository;
  return img.digest ? `${name}@${img.digest}` : `${name}:${img.tag || chart.appVersion}`;
}
