import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileKind } from '../engine/file-kind.ts';
import type { SourceFile } from '../engine/load.ts';
import { UsageError } from './args.ts';

/** Every YAML file under a folder, sorted, skipping dot-folders and node_modules. */
export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fileKind(full)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** The folder holding facts.yaml at or above a path: the root of a rule pack. */
export function findRulesRoot(path: string): string {
  const start = resolve(path);
  if (!existsSync(start)) throw new UsageError(`no such file or folder: ${path}`);
  let dir = statSync(start).isDirectory() ? start : dirname(start);
  for (;;) {
    if (existsSync(join(dir, 'facts.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UsageError(
    `no facts.yaml found in ${path} or the folders above it: is it a rule pack?`,
  );
}

/** Reads files with paths as the user sees them: relative to the working folder. */
export function readSources(paths: string[]): SourceFile[] {
  return paths.map((p) => ({ path: display(p), text: readFileSync(p, 'utf8') }));
}

export function display(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel.split(sep).join('/');
}

/** Is `path` the same as, or inside, one of the selected paths? */
export function isSelected(path: string, selected: string[]): boolean {
  const full = resolve(path);
  return selected.some((s) => {
    const base = resolve(s);
    return full === base || full.startsWith(base + sep);
  });
}

/** Reads the facts argument: a file, or `-` for standard input. */
export function readInput(path: string): { name: string; text: string } {
  if (path === '-') return { name: '<stdin>', text: readFileSync(0, 'utf8') };
  if (!existsSync(path)) throw new UsageError(`no such facts file: ${path}`);
  return { name: display(path), text: readFileSync(path, 'utf8') };
}
