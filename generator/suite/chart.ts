/** What the generator needs to know about one chart besides its values. */
import type { Children, Group } from '../core/values.js';
import type { Cond, Rule } from '../core/rules.js';
import type { OperatorUse } from './operators.js';

/**
 * A Secret the chart reads but does not make: the preflight check (templates/checks.yaml) refuses an
 * install while it is missing, printing the command that creates it.
 */
export interface SecretUse {
  /** Path of the value naming the Secret (relative to the chart's values; global.… for global); empty: none. */
  readonly name: string;
  readonly when?: Cond;
  /** The --from-literal arguments of `kubectl create secret generic`; {key:<path>} inserts a value. */
  readonly literals: string;
}

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
  /** Repository path of the model's source (generator/charts/<name>/model.ts), named in the do-not-edit headers. */
  readonly modelSource: string;
  /** The chart's values model (suite.ts adds `global` to subcharts). */
  readonly model: Group<Children>;
  readonly images: readonly ChartImage[];
  /** Files outside templates/ (path inside the chart → content), such as dashboard JSON. */
  readonly files?: Readonly<Record<string, string>>;
  /** The artifacthub.io/changes of this version. */
  readonly changes: readonly ArtifactHubChange[];
  /**
   * Invariants between the chart's values, beyond what its schema can say; requests ≤ limits of every
   * resources block is added from the model's shape (generator/checks/invariants.ts).
   */
  readonly rules?: readonly Rule[];
  /** Secrets the chart reads and does not make, for the preflight check. */
  readonly secretUses?: readonly SecretUse[];
  /** The operators' APIs the chart renders, for the preflight check (suite/operators.ts). */
  readonly operatorUses?: readonly OperatorUse[];
}

/**
 * What a subchart's folder (generator/charts/<name>/chart.ts) declares; suite.ts adds the version, the
 * changes of this release, the model's source and `global`. Its templates are the folder's templates/,
 * plus the shared helpers they call (emitters/templates.ts).
 */
export type SubchartSpec = Omit<ChartDefinition, 'appVersion' | 'version' | 'changes' | 'modelSource'> & {
  readonly name: 'api' | 'workers' | 'postgres' | 'redis' | 'mesh' | 'observability' | 'dr';
};
