import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const TOOLS_BIN = join(REPO, '.tools', 'bin');
export const tool = (name: string) => join(TOOLS_BIN, name);
