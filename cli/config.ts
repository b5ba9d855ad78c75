import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../engine/index.ts';
import { parseLintConfig, type LintConfig } from '../engine/authoring/lint-config.ts';
import { UsageError } from './args.ts';
import { display, quotePath, readDiagnostic, readTextFile } from './files.ts';

export const CONFIG_FILE = '.policylens.yaml';

/**
 * Finds `.policylens.yaml`: the folder of the rule pack, then each folder above it up to the
 * repository root (the first folder with .git or package.json).
 */
export function findConfig(rulesRoot: string): string | undefined {
  let dir = resolve(rulesRoot);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, 'package.json'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads the configuration named by --config, or the one found beside the rules, or none. */
export function readConfig(
  explicit: string | undefined,
  rulesRoot: string,
): { config?: LintConfig; diagnostics: Diagnostic[] } {
  const path = explicit ?? findConfig(rulesRoot);
  if (path === undefined) return { diagnostics: [] };
  // A configuration found beside the rules is read only if it stays in its folder: a link
  // planted there must not make lint echo some other file.
  const read = readTextFile(path, explicit === undefined ? { root: dirname(path) } : {});
  if (!read.isOk) {
    if (read.kind === 'access') {
      throw new UsageError(
        `${explicit !== undefined ? '--config ' : ''}${quotePath(path)}: ${read.message}`,
      );
    }
    return { diagnostics: [readDiagnostic(display(path), read)] };
  }
  return parseLintConfig(display(path), read.text);
}
