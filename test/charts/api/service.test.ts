/** The API Service: its type, ports and annotations. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('api', 'service.yaml', [
  {
    it: 'service.type, port and metricsPort shape the Service; the targets stay the named container ports',
    set: ['--set', 'service.type=NodePort', '--set', 'service.port=80', '--set', 'service.metricsPort=9100'],
    expect: (objects) =>
      expect(one(objects, 'Service').spec).toMatchObject({
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' },
        ],
      }),
  },
  {
    it: 'service.annotations join the suite\'s own',
    set: ['--set-string', 'service.annotations.example\\.com/internal=true'],
    expect: (objects) =>
      expect(one(objects, 'Service').metadata.annotations).toEqual({ 'concertmaster.io/environment': 'dev', 'example.com/internal': 'true' }),
  },
]);
