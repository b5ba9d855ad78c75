import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { SourceFile } from '../engine/load.ts';
import { MAX_CACHE_BYTES, readTextFile } from './files.ts';
import type { CompiledPack } from '../engine/types.ts';

// Compiled packs, cached so that a repeated `policylens eval` skips parsing and checking YAML,
// and parsed fact vocabularies, so that after a rule changes only its own file is parsed.
//
// Never stale: an entry is found by a hash of the exact text and path of every file it was
// compiled from and of the build of policylens that compiled it, so any change to either
// misses. Only what loaded without errors is kept: errors are always found and printed afresh.
// Nothing goes into the rules folder: entries live in node_modules/.cache/policylens (the
// nearest node_modules above the rules), else in the user's cache folder. Writes go to a
// temporary file renamed into place, so a reader never sees half an entry, and any entry
// that cannot be read is ignored. POLICYLENS_CACHE=off turns the cache off;
// POLICYLENS_CACHE_DIR chooses its folder.

declare const __POLICYLENS_BUILD__: string | undefined;

/**
 * The build of policylens running, set by scripts/build-package.ts. Running from the
 * TypeScript sources (tests, development), there is none, and nothing is cached.
 */
const BUILD = typeof __POLICYLENS_BUILD__ === 'string' ? __POLICYLENS_BUILD__ : undefined;

/** Entries kept; the oldest go when there are more. */
const MAX_ENTRIES = 200;

/** The cache folder for a rule pack, or none when caching is off. */
export function cacheDir(root: string, env = process.env): string | undefined {
  if (BUILD === undefined || /^(off|0|false|no)$/i.test(env.POLICYLENS_CACHE ?? '')) {
    return undefined;
  }
  if (env.POLICYLENS_CACHE_DIR) return resolve(env.POLICYLENS_CACHE_DIR);
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules) && statSync(modules).isDirectory()) {
      return join(modules, '.cache', 'policylens');
    }
    if (dirname(dir) === dir) break;
  }
  const home = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return home ? join(home, 'policylens') : undefined;
}

/** What is cached: a compiled pack, or the parsed text of a fact vocabulary. */
export type CacheKind = 'pack' | 'facts';

function keyOf(kind: CacheKind, files: SourceFile[]): string {
  const hash = createHash('sha256').update(`policylens ${BUILD} ${kind}\0`);
  for (const file of files) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex');
}

/** What was kept from exactly these files by this build, if anything. */
export function readCache(root: string, kind: CacheKind, files: SourceFile[]): unknown {
  const dir = cacheDir(root);
  if (!dir) return undefined;
  const key = keyOf(kind, files);
  try {
    // Read as every file is: a regular file, no link out of the cache folder, size capped.
    const read = readTextFile(join(dir, `${kind}-${key}.json`), {
      root: dir,
      maxBytes: MAX_CACHE_BYTES,
    });
    if (!read.isOk) return undefined;
    const entry = JSON.parse(read.text) as { key?: unknown; value?: unknown };
    return entry.key === key ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

/** The pack compiled earlier from exactly these files by this build, if there is one. */
export function readCachedPack(root: string, files: SourceFile[]): CompiledPack | undefined {
  const pack = readCache(root, 'pack', files) as CompiledPack | undefined;
  return pack && Array.isArray(pack.flows) && typeof pack.facts === 'object' ? pack : undefined;
}

/** Keeps what was made from these files (without errors); a cache that fails is no error. */
export function writeCache(
  root: string,
  kind: CacheKind,
  files: SourceFile[],
  value: unknown,
): void {
  const dir = cacheDir(root);
  if (!dir) return;
  const key = keyOf(kind, files);
  const path = join(dir, `${kind}-${key}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    // `wx`: a new file, never through a link someone left at that name.
    writeFileSync(temporary, JSON.stringify({ key, value }), { flag: 'wx' });
    renameSync(temporary, path);
    prune(dir);
  } catch {
    rmSync(temporary, { force: true });
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((name) => name.endsWith('.json'));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries
    .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => a.time - b.time);
  for (const { name } of byAge.slice(0, entries.length - MAX_ENTRIES)) {
    rmSync(join(dir, name), { force: true });
  }
}
