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

/** The parameter table's rows, as the cells' text, from the HTML micromark renders. */
function parameterRows(markdown: string): string[][] {
  const html = micromark(markdown, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
  const table = html.split('<h2>Parameters</h2>')[1]?.match(/<table>[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.trim()));
}

describe.each(readmes)('%s', (file) => {
  const rows = parameterRows(readFileSync(join(REPO, file), 'utf8'));

  it('has a parameter table whose every row has its four cells: the key and the default each one code span', () => {
    expect(rows.length).toBeGreaterThan(5);
    const code = /^<code>[^<]*<\/code>$/;
    const broken = rows.slice(1).filter((r) => r.length !== 4 || r.some((c) => c === '') || !code.test(r[0]!) || !code.test(r[2]!));
    expect(broken).toEqual([]);
  });

});

it('the umbrella shows an enum\'s values as text, not as cell breaks', () => {
  const env = parameterRows(readFileSync(join(REPO, 'charts/concertmaster/README.md'), 'utf8')).find((r) => r[0] === '<code>global.environment</code>');
  expect(env).toEqual(['<code>global.environment</code>', '<code>dev</code> | <code>staging</code> | <code>production</code>', '<code>&quot;dev&quot;</code>', expect.stringContaining('Deployment environment')]);
});
