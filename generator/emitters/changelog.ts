/** CHANGELOG.md, from the same `changes` that become each chart's artifacthub.io/changes annotation. */
import type { ChartDefinition } from '../models/chart.js';
import { header } from './files.js';

export function changelog(charts: readonly ChartDefinition[]): string {
  const sections = charts.map((c) => {
    const lines = c.changes.map((ch) => `- **${ch.kind}**: ${ch.description}`);
    return `## ${c.name} ${c.version}\n\nApp version ${c.appVersion}.\n\n${lines.join('\n')}\n`;
  });
  return (
    header('CHANGELOG.md', 'generator/models/suite.ts (the changes of each chart)') +
    '# Changelog\n\nEach chart\'s version and app version are set once, in `generator/models/suite.ts`, with the changes of that version; they also become the chart\'s `artifacthub.io/changes` annotation. `ct lint --check-version-increment` fails a pull request that changes a chart without bumping its version.\n\n' +
    sections.join('\n')
  );
}
