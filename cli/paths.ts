import { existsSync } from 'node:fs';
import { UsageError } from './args.ts';

/** The characters that make a path a glob pattern. */
const GLOB = /[*?[\]{}]/;

/**
 * The paths a user gave, with glob patterns (`'rules/**\/join.yaml'`, quoted so the shell
 * leaves them alone) replaced by the files they match, in order. A path that exists is
 * taken as it is, even if it holds glob characters; a pattern that matches nothing is a
 * usage error, as a missing file is.
 */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (existsSync(path) || !GLOB.test(path)) {
      out.push(path);
      continue;
    }
    // Loaded only when a pattern is given: most runs name folders or files.
    const { glob } = await import('tinyglobby');
    const matches = await glob(path, { onlyFiles: true, expandDirectories: false });
    if (matches.length === 0) throw new UsageError(`no files match ${path}`);
    out.push(...matches.sort());
  }
  return out;
}
