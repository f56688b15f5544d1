/**
 * `npm run diff -- [--from <version or commit>] [--markdown]`: renders every environment × region at a
 * release (default: the previous one, generator/suite/releases.ts) and at the working tree, and prints
 * what changes, object by object, flagging changes that break an upgrade. Secrets' values are masked.
 * Exits 0 even with breaking changes (they may be intended and documented in UPGRADING.md); exits 1
 * when it cannot render.
 */
import { rmSync } from 'node:fs';
import { REPO_ROOT } from '../paths.js';
import { extract, resolveFrom } from '../release/baseline.js';
import { diffRenders, formatMarkdown, formatText, type ComboDiff } from '../release/diff.js';
import { combosOf, renderUmbrella } from '../release/render.js';
import { CURRENT } from '../suite/releases.js';
import { parseFlags } from './run.js';

export function releaseDiff(fromRoot: string, toRoot: string): { combos: ComboDiff[]; onlyBefore: string[]; onlyAfter: string[] } {
  const before = combosOf(fromRoot);
  const after = combosOf(toRoot);
  const combos: ComboDiff[] = [];
  for (const [combo, files] of after) {
    const old = before.get(combo);
    if (!old) continue;
    combos.push({ combo, diff: diffRenders(renderUmbrella(fromRoot, old), renderUmbrella(toRoot, files)) });
  }
  return {
    combos,
    onlyBefore: [...before.keys()].filter((c) => !after.has(c)),
    onlyAfter: [...after.keys()].filter((c) => !before.has(c)),
  };
}

if (process.argv[1]?.endsWith('diff.ts')) {
  try {
    const flags = parseFlags(process.argv.slice(2), { '--from': 'value', '--markdown': 'boolean' });
    const from = resolveFrom(flags['--from'] as string | undefined);
    const baseline = extract(from.label, from.commit);
    try {
      const result = releaseDiff(baseline.dir, REPO_ROOT);
      const title = `Release diff: ${from.label} (${from.commit.slice(0, 12)}) → working tree (${CURRENT.version})`;
      const text = flags['--markdown'] ? formatMarkdown(title, result.combos) : formatText(title, result.combos);
      process.stdout.write(text);
      for (const c of result.onlyBefore) process.stdout.write(`${c}: only in ${from.label}, not compared\n`);
      for (const c of result.onlyAfter) process.stdout.write(`${c}: new in the working tree, not compared\n`);
    } finally {
      rmSync(baseline.dir, { recursive: true, force: true });
    }
  } catch (err) {
    console.error(`diff: error: ${(err as Error).message}`);
    process.exit(1);
  }
}
