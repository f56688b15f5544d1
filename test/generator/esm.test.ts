import { describe, expect, it } from '@jest/globals';
import { Deployment } from 'kubernetes-models/apps/v1';

describe('jest runs ESM', () => {
  it('imports kubernetes-models as an ES module and validates with it', () => {
    const good = new Deployment({
      metadata: { name: 'x' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    expect(() => good.validate()).not.toThrow();
    const bad = new Deployment({ metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: 'nope' } } } } as never);
    expect(() => bad.validate()).toThrow();
  });
});
