/** A throwaway GPG key, with the legacy keyring files that `helm package --sign` and `helm verify` read. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export interface TestKey {
  readonly name: string;
  readonly secretKeyring: string;
  readonly publicKeyring: string;
}

export function makeKey(): TestKey {
  const home = tempDir('gnupg');
  const env = { ...process.env, GNUPGHOME: home };
  const name = 'ConcertMaster Charts Test <test@concertmaster.io>';
  const gpg = (args: string[]) => execFileSync('gpg', ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  gpg(['--quick-gen-key', name, 'rsa2048', 'sign', 'never']);
  const secretKeyring = join(home, 'secring.gpg');
  const publicKeyring = join(home, 'pubring-export.gpg');
  gpg(['--output', secretKeyring, '--export-secret-keys', name]);
  gpg(['--output', publicKeyring, '--export', name]);
  return { name, secretKeyring, publicKeyring };
}
