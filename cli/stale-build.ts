import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What dist/sources.json holds: when the build ran and which files of the repository it was
 * built from. The build writes it (scripts/build-package.ts); the package does not ship it.
 */
export interface BuildSources {
  builtAt: number;
  files: string[];
}

/**
 * In a checkout, the bundled CLI in dist/ runs whatever was built last: after a pull that
 * changed a schema or the engine, it would judge today's rules by yesterday's code and report
 * errors that are not there. Returns the first source file changed since the build, or
 * nothing when dist/ is current or is not part of a checkout (an installed package).
 */
export function changedSince(distDir: string): string | undefined {
  let sources: BuildSources;
  try {
    sources = JSON.parse(readFileSync(join(distDir, 'sources.json'), 'utf8')) as BuildSources;
  } catch {
    return undefined;
  }
  const root = dirname(distDir);
  for (const file of sources.files) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    // A module that is gone was dropped by files that import it, which changed with it.
    if (stat && stat.mtimeMs > sources.builtAt) return file;
  }
  return undefined;
}
