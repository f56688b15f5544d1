/**
 * Temporary folders for tests, each removed after the last test of the file that made it, so a run
 * leaves nothing behind in the system's temporary folder.
 */
import { afterAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Jest evaluates this module once per test file, so each file gets its own hook and list.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder `cm-<name>-XXXXXX` in the system's temporary folder, removed after the file's tests. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cm-${name}-`));
  made.push(dir);
  return dir;
}
