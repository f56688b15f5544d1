/**
 * Every generated README renders as GitHub-flavoured Markdown (micromark with its GFM table extension,
 * as Artifact Hub and GitHub use): each parameter row keeps its four cells, so no default or description
 * is lost to a stray `|`.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { REPO } from '../support/paths.js';

const readmes = [
  'charts/concertmaster/README.md',
  ...readdirSync(join(REPO, 'charts')).filter((c) => c !== 'concertmaster').map((c) => `charts/${c}/README.md`),
].filter((f) => existsSync(join(REPO, f)));

const html = (markdown: string) => micromark(markdown, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
const rowsOf = (table: string) => [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.trim()));

/** The parameter tables' rows (one table, or one per section), as the cells' text, from the HTML micromark renders. */
function parameterRows(markdown: string): string[][] {
  const tables = html(markdown).split('<h2>Parameters</h2>')[1]?.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  return tables.flatMap((t) => rowsOf(t).filter((r, i) => i > 0 || !r.every((c) => /^[A-Z][a-z]+$/.test(c))));
}

describe.each(readmes)('%s', (file) => {
  const rows = parameterRows(readFileSync(join(REPO, file), 'utf8'));

  it('has a parameter table whose every row has its four cells: the key and the default each one code span', () => {
    expect(rows.length).toBeGreaterThan(5);
    const code = /^<code>[^<]*<\/code>$/;
    const broken = rows.filter((r) => r.length !== 4 || r.some((c) => c === '') || !code.test(r[0]!) || !code.test(r[2]!));
    expect(broken).toEqual([]);
  });

});

it('the umbrella shows an enum\'s values as text, not as cell breaks', () => {
  const env = parameterRows(readFileSync(join(REPO, 'charts/concertmaster/README.md'), 'utf8')).find((r) => r[0] === '<code>global.environment</code>');
  expect(env).toEqual(['<code>global.environment</code>', '<code>dev</code> | <code>staging</code> | <code>production</code>', '<code>&quot;dev&quot;</code>', expect.stringContaining('Deployment environment')]);
});

describe('the umbrella\'s README, the page Artifact Hub and `helm show readme` show', () => {
  const md = readFileSync(join(REPO, 'charts/concertmaster/README.md'), 'utf8');

  it('opens with an oci:// install, then the prerequisites, the checklist, the keys to change, the layering and what an uninstall keeps', () => {
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['TL;DR', 'Prerequisites', 'Production checklist', 'Keys you will change', 'Layering', 'Uninstall', 'Parameters']);
    expect(md.split('## Prerequisites')[0]).toMatch(/helm install concertmaster oci:\/\/\S+\/concertmaster --version \d+\.\d+\.\d+/);
    expect(md.split('## Prerequisites')[0]).toContain('-f concertmaster/values-production.yaml -f concertmaster/values-us-east-1.yaml');
  });

  it('every table keeps the header\'s number of cells in every row', () => {
    const broken = (html(md).match(/<table>[\s\S]*?<\/table>/g) ?? []).flatMap((t) => {
      const rows = rowsOf(t);
      return rows.filter((r) => r.length !== rows[0]!.length || r.some((c) => c === '')).map((r) => r.join(' ‖ '));
    });
    expect(broken).toEqual([]);
  });

  it('has one parameter section per chart and for global', () => {
    expect([...md.split('## Parameters')[1]!.matchAll(/^### `(.+)`$/gm)].map((m) => m[1])).toEqual(['global', '(top level)', 'limitRange', 'resourceQuota', 'api', 'workers', 'postgres', 'redis', 'mesh', 'observability', 'dr']);
  });
});
