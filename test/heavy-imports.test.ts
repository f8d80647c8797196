/**
 * The Slack and Twilio SDKs and the chart libraries together take more memory than the rest of
 * guardia. They load when they are used (credentials set, first chart drawn), never at start.
 * This keeps a static import from creeping back in: only the named files may import them, and
 * those files only through `import()` or `import type`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** Package → the only source files allowed to load it (at run time, lazily). */
const HEAVY: Record<string, readonly string[]> = {
  echarts: ['charts/render.ts'],
  '@resvg/resvg-js': ['charts/render.ts'],
  twilio: ['adapters/whatsapp/client.ts'],
  '@slack/bolt': ['adapters/slack/'],
  '@slack/web-api': ['adapters/slack/'],
};

/** Modules that import a heavy package and so may only be reached through `import()`. */
const LAZY_MODULES = ['adapters/whatsapp/client.js', 'adapters/slack/'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Static value imports (`import x from 'y'`, `import { x } from 'y'`), not `import type`. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gms)) {
    found.push(m[1] ?? '');
  }
  return found;
}

describe('heavy dependencies load lazily', () => {
  const files = sources(SRC).map((path) => ({
    name: relative(SRC, path),
    imports: staticImports(readFileSync(path, 'utf8')),
  }));

  it('finds the static imports it is meant to police', () => {
    const app = files.find((f) => f.name === 'app.ts');
    expect(app?.imports).toContain('undici');
  });

  it('imports each heavy package only where it is allowed', () => {
    const offenders = files.flatMap((f) =>
      f.imports
        .filter((spec) => Object.keys(HEAVY).some((pkg) => spec === pkg))
        .filter((spec) => !HEAVY[spec]?.some((allowed) => f.name.startsWith(allowed)))
        .map((spec) => `${f.name} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reaches the modules that load them only through import()', () => {
    // Files inside a lazily loaded module may import each other statically.
    const outside = files.filter(
      (f) => !LAZY_MODULES.some((lazy) => f.name.startsWith(lazy.replace(/\.js$/, ''))),
    );
    const offenders = outside.flatMap((f) =>
      f.imports
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => LAZY_MODULES.some((lazy) => spec.includes(lazy)))
        .map((spec) => `${f.name} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
