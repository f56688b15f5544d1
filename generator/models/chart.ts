/** What the generator needs to know about one chart besides its values. */
import type { Children, Group } from '../core/values.js';

export interface ArtifactHubChange {
  readonly kind: 'added' | 'changed' | 'deprecated' | 'removed' | 'fixed' | 'security';
  readonly description: string;
}

export interface ChartImage {
  /** Name shown on Artifact Hub. */
  readonly name: string;
  /** Path of the image block in the values, used to build the reference from its defaults. */
  readonly valuesPath: readonly string[];
}

export interface ChartDefinition {
  /** Chart name, folder name under charts/, and the prefix of every helper it defines. */
  readonly name: string;
  readonly description: string;
  /** SemVer of the chart. */
  readonly version: string;
  /** Version of ConcertMaster the chart deploys. */
  readonly appVersion: string;
  readonly keywords: readonly string[];
  /** Repository path of the model's source, named in the do-not-edit headers. */
  readonly modelSource: string;
  /** The chart's values model (suite.ts adds `global` to subcharts). */
  readonly model: Group<Children>;
  /** Template source folders under generator/templates, rendered in this order. */
  readonly templateSources: readonly string[];
  readonly images: readonly ChartImage[];
  /** Files outside templates/ (path inside the chart → content), such as dashboard JSON. */
  readonly files?: Readonly<Record<string, string>>;
  /** The artifacthub.io/changes of this version. */
  readonly changes: readonly ArtifactHubChange[];
}
