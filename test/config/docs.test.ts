import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, targetSchema } from '../../src/config/schema.js';

const DOC = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

describe('docs/configuration.md', () => {
  const sections = Object.keys(configSchema.shape).filter(
    (k) => !['timezone', 'locale'].includes(k),
  );

  it.each(sections)('has a section for %s', (key) => {
    expect(DOC).toMatch(new RegExp(`^## ${key}$`, 'm'));
  });

  it.each(Object.keys(targetSchema.shape))('describes targets[].%s', (key) => {
    expect(DOC).toContain(`\`${key}\``);
  });

  it('describes the top-level scalars', () => {
    expect(DOC).toContain('| `timezone` |');
    expect(DOC).toContain('| `locale` |');
  });
});
