/** Folders of the repository, resolved from this file so that every command works from any cwd. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));
export const DOCS_DIR = fileURLToPath(new URL('./docs/', import.meta.url));
export const TOOLS_BIN = `${REPO_ROOT}.tools/bin`;
