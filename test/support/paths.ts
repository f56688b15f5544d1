import { join } from 'node:path';
import { REPO_ROOT, TOOLS_BIN } from '../../generator/paths.js';

export const REPO = REPO_ROOT;
export { TOOLS_BIN };
export const tool = (name: string) => join(TOOLS_BIN, name);
