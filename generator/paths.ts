/** Folders of the repository, resolved from this file so that every command works from any cwd. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));
/** Hand-written sections of each subchart's README (its notes), merged in by emitters/readme.ts. */
export const README_SECTIONS_DIR = fileURLToPath(new URL('./readme-sections/', import.meta.url));
export const TOOLS_BIN = `${REPO_ROOT}.tools/bin`;
