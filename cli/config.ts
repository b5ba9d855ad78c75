import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../engine/index.ts';
import { parseLintConfig, type LintConfig } from '../engine/authoring/lint-config.ts';
import { UsageError } from './args.ts';
import { display } from './files.ts';

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
  if (explicit !== undefined && !existsSync(explicit)) {
    throw new UsageError(`no such config file: ${explicit}`);
  }
  const path = explicit ?? findConfig(rulesRoot);
  if (path === undefined) return { diagnostics: [] };
  return parseLintConfig(display(path), readFileSync(path, 'utf8'));
}
