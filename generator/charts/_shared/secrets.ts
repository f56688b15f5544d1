/**
 * The Secrets the charts read but do not make, declared once: the preflight check (templates/checks.yaml)
 * refuses an install while one is missing and prints the command that creates it. The production
 * checklist in the README names the same ones.
 */
import { all, equals, not, truthy, type Cond } from '../../core/rules.js';
import type { SecretUse } from '../../suite/chart.js';

const random = '"$(openssl rand -hex 24)"';

export const redisPassword: SecretUse = { name: 'global.redis.credentialsSecret', literals: `--from-literal=password=${random}` };

export const databaseCredentials: SecretUse = {
  name: 'global.postgresql.credentialsSecret',
  literals: `--from-literal=username={key:global.postgresql.database} --from-literal=password=${random}`,
};

/** The bucket's static keys, read only with global.objectStore.credentials "secret" (not with an IAM role). */
export const objectStoreCredentials = (when: Cond): SecretUse => ({
  name: 'global.objectStore.credentialsSecret',
  when: all(when, equals('global.objectStore.credentials', 'secret')),
  literals: '--from-literal=ACCESS_KEY_ID=<access key id> --from-literal=SECRET_ACCESS_KEY=<secret access key>',
});

/** An api or workers client: the global credentials it composes URLs from, or the URLs it is given. */
export const clientSecrets: readonly SecretUse[] = [
  { ...redisPassword, when: not(all(truthy('broker.existingSecret'), truthy('redis.existingSecret'))) },
  { ...databaseCredentials, when: not(truthy('database.existingSecret')) },
  { name: 'database.existingSecret', literals: '--from-literal={key:database.existingSecretKey}=postgresql://<user>:<password>@<host>:5432/<database>' },
  { name: 'broker.existingSecret', literals: '--from-literal={key:broker.existingSecretKey}=redis://:<password>@<host>:6379/0' },
  { name: 'redis.existingSecret', literals: '--from-literal={key:redis.existingSecretKey}=redis://:<password>@<host>:6379/1' },
];
