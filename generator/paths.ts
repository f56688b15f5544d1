/** Folders of the repository, resolved from this file so that every command works from any cwd. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** One folder per chart: its model, rules, templates and README sections (generator/README.md). */
export const CHART_SOURCES_DIR = fileURLToPath(new URL('./charts/', import.meta.url));
/** The helper files any chart may call; each chart carries the ones its templates call. */
export const SHARED_TEMPLATES_DIR = fileURLToPath(new URL('./charts/_shared/templates/', import.meta.url));
export const TOOLS_BIN = `${REPO_ROOT}.tools/bin`;
