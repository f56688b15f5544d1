/**
 * CHANGELOG.md and UPGRADING.md, from the release history in generator/suite/releases.ts: the same
 * changes become each chart's artifacthub.io/changes annotation.
 */
import type { Release } from '../suite/releases.js';
import { renamedKeys, type Node } from '../core/values.js';
import { header } from './files.js';

const SOURCE = 'generator/suite/releases.ts';
const released = (r: Release) => (r.commit ? `released from commit ${r.commit.slice(0, 12)}` : 'not released yet');

export function changelog(releases: readonly Release[], appVersion: string): string {
  const sections = releases.map((r) => {
    const charts = Object.entries(r.changes).map(([chart, changes]) => {
      const lines = changes.length > 0 ? changes.map((ch) => `- **${ch.kind}**: ${ch.description}`) : ['- No change.'];
      return `### ${chart}\n\n${lines.join('\n')}\n`;
    });
    return `## ${r.version}\n\nEvery chart ${r.version}, app version ${appVersion}; ${released(r)}.\n\n${charts.join('\n')}`;
  });
  return (
    header('CHANGELOG.md', SOURCE) +
    '# Changelog\n\nEvery chart of the suite carries the same version. The history, with each version\'s changes, is set once in `generator/suite/releases.ts`; the changes also become each chart\'s `artifacthub.io/changes` annotation. `ct lint --check-version-increment` fails a pull request that changes a chart without bumping its version. What to do when you upgrade is in [UPGRADING.md](UPGRADING.md).\n\n' +
    sections.join('\n')
  );
}

/** A key of the umbrella's values renamed in a version (models `renamed`), by its umbrella path. */
export interface Rename {
  readonly from: string;
  readonly to: string;
  readonly since: string;
}

/** The renamed keys of a model, by their umbrella paths: a subchart's new path is relative to its section. */
export function renamesOf(model: Node): Rename[] {
  return [...renamedKeys(model)].map(([path, to]) => ({ from: path.join('.'), to: path.length > 1 ? `${path[0]}.${to.path}` : to.path, since: to.since }));
}

export function upgrading(releases: readonly Release[], renames: readonly Rename[] = []): string {
  const sections = releases.slice(0, -1).map((r, i) => {
    const from = releases[i + 1]!.version;
    const changed = r.upgrade.changed.map((c) => `- ${c}`).join('\n') || '- Nothing that changes an installation.';
    const actions = r.upgrade.actions.map((a, n) => `${n + 1}. ${a}`).join('\n') || 'Nothing: `helm upgrade` with your values is enough.';
    const renamed = renames.filter((x) => x.since === r.version);
    const table = renamed.length === 0 ? '' : `\n### Renamed keys\n\nThe old key is refused, naming the new one: move its value in your values files.\n\n| Old key | New key |\n| --- | --- |\n${renamed.map((x) => `| \`${x.from}\` | \`${x.to}\` |`).join('\n')}\n`;
    return `## To ${r.version}, from ${from}\n\n${r.commit ? `Released from commit \`${r.commit}\`.` : 'Not released yet: these notes describe the working tree.'}\n\n### What changes\n\n${changed}\n${table}\n### What you must do before \`helm upgrade\`\n\n${actions}\n`;
  });
  return (
    header('UPGRADING.md', SOURCE) +
    '# Upgrading\n\nWhat changes for users, and what to do, for each version of the suite, newest first. Upgrade one version at a time; `npm run diff -- --from <version>` shows every object that changes between a release and the working tree, and flags changes that break an upgrade.\n\n' +
    sections.join('\n')
  );
}
