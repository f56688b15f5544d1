/** Debian's Distribution registry on 127.0.0.1, on a free port, with throwaway storage. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { freePort } from '../../sandbox/free-port.js';
import { join } from 'node:path';
import { tool } from './paths.js';
import { tempDir } from './tmp.js';

export interface RunningRegistry {
  readonly host: string;
  stop(): void;
}

export async function startRegistry(): Promise<RunningRegistry> {
  const dir = tempDir('registry');
  const port = await freePort();
  const config = join(dir, 'config.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const child: ChildProcess = spawn(tool('docker-registry'), ['serve', config], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200) return { host, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not answer on ${host} within 10 s`);
}
