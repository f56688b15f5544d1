/**
 * The bootstrap locks per tool (scripts/bootstrap.sh): a checkout whose tools are cached links them
 * without waiting on another checkout's build of an unrelated tool, and two checkouts building the same
 * tool take turns. Each case runs copies of the scripts against a cache of its own, whose helm entries
 * point at the real cache's builds; the other checkout's `go` only sleeps, so nothing is built and the
 * repository's .tools/ is not touched.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/paths.js';

/** The pins and the real cache, as the scripts compute them. */
const pins = (() => {
  const r = spawnSync('bash', ['-c', '. scripts/tool-versions.sh; echo "$HELM4_VERSION $HELM3_VERSION $KUBERNETES_VERSION $TOOLS_CACHE"'], { cwd: REPO, encoding: 'utf8' });
  const [helm4, helm3, kubernetes, cache] = r.stdout.trim().split(' ');
  return { helm4: helm4!, helm3: helm3!, kubernetes: kubernetes!, cache: cache! };
})();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A checkout of the scripts alone, and an empty cache; `withHelm` links the real helm builds into it. */
function checkout(withHelm: boolean): { root: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cm-bootstrap-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'checkout');
  const cache = join(dir, 'cache');
  mkdirSync(cache, { recursive: true });
  cpSync(join(REPO, 'scripts'), join(root, 'scripts'), { recursive: true });
  if (withHelm) {
    for (const d of [`helm-${pins.helm4}`, `helm3-${pins.helm3}`]) symlinkSync(join(pins.cache, d), join(cache, d));
  }
  return { root, cache };
}

/**
 * Another checkout's bootstrap of `group`, stuck in a build: its `go` is a stand-in that sleeps, so it
 * holds whatever lock the script takes for that build until the case ends.
 */
async function buildingElsewhere(cache: string, group: string, tool: string): Promise<void> {
  const other = checkout(false);
  const fakeBin = join(other.root, 'fake-bin');
  mkdirSync(fakeBin);
  writeFileSync(join(fakeBin, 'go'), '#!/bin/sh\nexec sleep 120\n', { mode: 0o755 });
  const child = spawn('bash', [join(other.root, 'scripts/bootstrap.sh'), group], {
    env: { ...process.env, CONCERTMASTER_TOOLS_CACHE: cache, PATH: `${fakeBin}:${process.env['PATH']}` },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
  });
  for (let i = 0; i < 200; i++) {
    if (out.includes(`${tool}: building`)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the other bootstrap never started building ${tool}:\n${out}`);
}

/** Runs a checkout's bootstrap of helm against `cache`, killed with everything it started after `ms`. */
function bootstrapHelm(root: string, cache: string, ms: number): Promise<{ code: number | null; killed: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(root, 'scripts/bootstrap.sh'), 'helm'], {
      env: { ...process.env, CONCERTMASTER_TOOLS_CACHE: cache },
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, out });
    });
  });
}

describe('the bootstrap locks per tool', () => {
  it('links cached tools at once while another checkout builds an unrelated tool', async () => {
    const { root, cache } = checkout(true);
    await buildingElsewhere(cache, 'sandbox', `kubernetes ${pins.kubernetes}`);
    const r = await bootstrapHelm(root, cache, 60_000);
    expect({ code: r.code, killed: r.killed }).toEqual({ code: 0, killed: false });
    expect(r.out).toContain(`helm ${pins.helm4}: cached`);
    expect(r.out).not.toContain('waiting');
  }, 90_000);

  it('waits, saying so, while another checkout builds the same tool', async () => {
    const { root, cache } = checkout(false);
    await buildingElsewhere(cache, 'helm', `helm ${pins.helm4}`);
    const r = await bootstrapHelm(root, cache, 4_000);
    expect(r.killed).toBe(true);
    expect(r.out).toContain(`another bootstrap is building helm-${pins.helm4}: waiting for it`);
    // It waited instead of building beside the other, which would delete the other's partial build.
    expect(r.out).not.toContain(`helm ${pins.helm4}: building`);
  }, 30_000);
});
