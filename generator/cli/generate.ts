/**
 * `npm run generate [-- --out DIR]`: writes charts/ and values/ from the models, atomically, and removes
 * generated files that no longer have a source. Exits 1 with the offending path on a bad model.
 */
import { resolve } from 'node:path';
import { buildAll, GENERATED_ROOTS } from '../generate.js';
import { syncTree } from '../emitters/files.js';
import { REPO_ROOT } from '../paths.js';


function parseOut(argv: readonly string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return REPO_ROOT;
  const dir = argv[i + 1];
  if (!dir) throw new Error('--out needs a folder');
  return resolve(dir);
}

try {
  const out = parseOut(process.argv.slice(2));
  const files = await buildAll();
  const { written, removed } = syncTree(out, GENERATED_ROOTS, files);
  console.log(`generate: ${written.length} files in ${out}${removed.length ? `, removed ${removed.length} stale: ${removed.join(', ')}` : ''}`);
} catch (err) {
  console.error(`generate: error: ${(err as Error).message}`);
  process.exit(1);
}
