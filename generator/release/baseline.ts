/**
 * A released version's charts and overlays, taken from git at the commit the release records
 * (generator/suite/releases.ts), without a registry: `git archive` of charts/ and values/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { PREVIOUS, releaseOf, RELEASES, type Release } from '../suite/releases.js';

export class BaselineError extends Error {}

export interface Baseline {
  /** What was asked for: a version, or a commit. */
  readonly label: string;
  readonly commit: string;
  /** A folder holding charts/ and values/ as they were at the commit. */
  readonly dir: string;
}

function git(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The release a `--from` names: a version in the history, or any commit-ish; default, the previous release. */
export function resolveFrom(from: string | undefined): { label: string; commit: string; release?: Release } {
  if (from === undefined) {
    if (!PREVIOUS) throw new BaselineError(`no previous release: generator/suite/releases.ts records no released version before ${RELEASES[0]!.version}`);
    return { label: PREVIOUS.version, commit: PREVIOUS.commit!, release: PREVIOUS };
  }
  const release = releaseOf(from);
  if (release) {
    if (!release.commit) throw new BaselineError(`${from} is not released yet (no commit in generator/suite/releases.ts)`);
    return { label: from, commit: release.commit, release };
  }
  const r = git(['rev-parse', '--verify', '--quiet', `${from}^{commit}`]);
  if (r.status !== 0) throw new BaselineError(`--from ${from}: neither a version in generator/suite/releases.ts (${RELEASES.map((x) => x.version).join(', ')}) nor a commit of this clone`);
  return { label: from, commit: r.stdout.trim() };
}

/** Extracts charts/ and values/ at `commit` into a new temporary folder (the caller removes it). */
export function extract(label: string, commit: string, into?: string): Baseline {
  if (git(['cat-file', '-e', `${commit}^{commit}`]).status !== 0) {
    throw new BaselineError(`release ${label} was cut from commit ${commit}, which this clone does not have: fetch it (git fetch origin ${commit}) or clone with full history`);
  }
  const dir = into ?? mkdtempSync(join(tmpdir(), `cm-release-${label.replace(/[^A-Za-z0-9.-]/g, '_')}-`));
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', commit, 'charts', 'values'], { cwd: REPO_ROOT, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new BaselineError(`git archive ${commit}: ${archive.stderr.toString().trim()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new BaselineError(`extracting ${commit}: ${untar.stderr.toString().trim()}`);
  return { label, commit, dir };
}
