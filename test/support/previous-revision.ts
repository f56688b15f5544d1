/**
 * Whether `ct install --upgrade` has anything to prove: ct installs the umbrella from the merge base
 * with the target branch, then upgrades it to the working tree. Where the merge base renders the same
 * manifests for every ci values file (on CI's clone of main it is the same commit), the upgrade would
 * change nothing and is left out, saying so; the upgrade from the last release is test/sandbox/upgrade.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../../generator/release/baseline.js';
import { diffRenders } from '../../generator/release/diff.js';
import { renderUmbrella } from '../../generator/release/render.js';
import { REPO } from './paths.js';

export interface PreviousRevision {
  readonly upgrade: boolean;
  readonly why: string;
}

export function previousRevision(target = 'origin/main'): PreviousRevision {
  const git = (args: string[]) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' });
  const base = git(['merge-base', target, 'HEAD']);
  if (base.status !== 0) return { upgrade: false, why: `no ${target} to take the previous revision from; CI's clone has one` };
  const commit = base.stdout.trim();
  const short = commit.slice(0, 12);
  const baseline = extract(`merge-base-${short}`, commit);
  try {
    const files = readdirSync(join(REPO, 'charts', 'concertmaster', 'ci')).filter((f) => f.endsWith('-values.yaml'));
    const changed = files.filter((f) => {
      const ci = (root: string) => [join(root, 'charts', 'concertmaster', 'ci', f)];
      if (!existsSync(ci(baseline.dir)[0]!)) return true;
      const d = diffRenders(renderUmbrella(baseline.dir, ci(baseline.dir)), renderUmbrella(REPO, ci(REPO)));
      return d.added.length + d.removed.length + d.changed.length + d.relabelled.length > 0;
    });
    return changed.length === 0
      ? { upgrade: false, why: `the previous revision, merge base ${short}, renders the same manifests for every ci values file, so an upgrade from it changes nothing` }
      : { upgrade: true, why: `from merge base ${short}, which renders ${changed.length} of ${files.length} ci values files differently` };
  } finally {
    rmSync(baseline.dir, { recursive: true, force: true });
  }
}
