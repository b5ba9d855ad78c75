import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedSince, type BuildSources } from '../../../cli/stale-build.ts';
import { REPO } from '../engine/helpers.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const BUILT_AT = Date.parse('2026-11-30T12:00:00Z');

/** A checkout with the given source files, last changed at the given times, and its dist/. */
function checkout(files: Record<string, number>, listed = Object.keys(files)): string {
  const root = tempDir({}, false);
  for (const [file, mtime] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), mtime / 1000, mtime / 1000);
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  const sources: BuildSources = { builtAt: BUILT_AT, files: listed };
  writeFileSync(join(root, 'dist', 'sources.json'), JSON.stringify(sources));
  return root;
}

describe('the warning of a dist/ built before its sources changed', () => {
  it('lists the modules and the schemas the build was made from, and no library', () => {
    const { files } = JSON.parse(
      readFileSync(join(REPO, 'dist', 'sources.json'), 'utf8'),
    ) as BuildSources;
    expect(files).toEqual(
      expect.arrayContaining([
        'cli/bin.ts',
        'engine/evaluate.ts',
        'locales/en.ts',
        'engine/schema/rules.schema.json',
        'engine/schema/facts.schema.json',
      ]),
    );
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  it('names the first file changed after the build, and nothing while none has', () => {
    const before = BUILT_AT - 60_000;
    const after = BUILT_AT + 60_000;
    const current = checkout({ 'cli/bin.ts': before, 'engine/schema/facts.schema.json': before });
    expect(changedSince(join(current, 'dist'))).toBeUndefined();
    const stale = checkout({ 'cli/bin.ts': before, 'engine/schema/facts.schema.json': after });
    expect(changedSince(join(stale, 'dist'))).toBe('engine/schema/facts.schema.json');
  });

  it('says nothing without sources.json (the installed package) or for a module since removed', () => {
    expect(changedSince(join(tempDir({}, false), 'dist'))).toBeUndefined();
    const removed = checkout({ 'cli/bin.ts': BUILT_AT - 1 }, ['cli/bin.ts', 'cli/gone.ts']);
    expect(changedSince(join(removed, 'dist'))).toBeUndefined();
  });

  it('the executable warns on standard error and still does what was asked', () => {
    const root = checkout({ 'engine/schema/rules.schema.json': BUILT_AT + 60_000 });
    const sources = readFileSync(join(root, 'dist', 'sources.json'));
    cpSync(join(REPO, 'dist'), join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist', 'sources.json'), sources);
    const run = spawnSync(process.execPath, [join(root, 'dist', 'policylens.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^policylens \d/);
    expect(run.stderr).toBe(
      'policylens: warning: engine/schema/rules.schema.json changed after dist/ was built; run `npm run build:package`\n',
    );
  });
});
