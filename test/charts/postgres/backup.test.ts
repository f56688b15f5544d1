/** Backups in cnpg mode: the ObjectStore's retention and the ScheduledBackup's schedule. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const BACKUPS = ['--set', 'mode=cnpg', '--set', 'backup.enabled=true', '--set', 'global.objectStore.destinationPrefix=s3://backups/forms', '--set', 'global.region=us-east-1'];

settingCases('postgres', 'objectstore.yaml', [
  {
    it: 'backup.retentionPolicy is the ObjectStore\'s',
    set: [...BACKUPS, '--set', 'backup.retentionPolicy=8w'],
    expect: (objects) => expect(one(objects, 'ObjectStore').spec.retentionPolicy).toBe('8w'),
  },
]);

settingCases('postgres', 'scheduledbackup.yaml', [
  {
    it: 'backup.schedule is the ScheduledBackup\'s six-field cron',
    set: [...BACKUPS, '--set', 'backup.schedule=0 30 1 * * *'],
    expect: (objects) => expect(one(objects, 'ScheduledBackup').spec.schedule).toBe('0 30 1 * * *'),
  },
]);
