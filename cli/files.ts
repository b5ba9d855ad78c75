import { isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { escapeControls, type Diagnostic } from '../engine/diagnostics.ts';
import { fileKind } from '../engine/file-kind.ts';
import type { SourceFile } from '../engine/load.ts';
import { UsageError } from './args.ts';

// Everything the CLI reads from disk goes through this file: only regular files, never
// through a link that leaves the rule pack, never more than a size cap, and only UTF-8.

/** The largest file the CLI reads (rules, cases, facts, configuration), in bytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The largest corpus of fact sets `diff --corpus` reads, in bytes. */
export const MAX_CORPUS_BYTES = 256 * 1024 * 1024;
/** The largest compiled pack read back from the cache, in bytes. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** Why a file could not be read. */
export interface ReadFailure {
  /**
   * `access`: the path is not something to read (missing, a folder, a FIFO or a device, a
   * link that dangles, loops or leaves the pack). `content`: a file whose bytes are refused
   * (too large, not UTF-8); the position says where.
   */
  kind: 'access' | 'content';
  message: string;
  line: number;
  col: number;
}

export type ReadResult = { isOk: true; text: string } | ({ isOk: false } & ReadFailure);

export interface ReadOptions {
  /** Links must resolve inside this folder (the rule pack's root). */
  root?: string;
  maxBytes?: number;
}

/**
 * Reads a UTF-8 text file safely: a regular file only (a FIFO would hang, a device never
 * ends), through symbolic links only when they resolve inside `root`, at most `maxBytes`,
 * bytes that are not UTF-8 refused at their line, and a byte order mark dropped.
 */
export function readTextFile(path: string, options: ReadOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let target = path;
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink()) {
      const resolved = resolveLink(path, options.root);
      if (typeof resolved !== 'string') return resolved;
      target = resolved;
    } else if (!link.isFile()) {
      return refuse('access', notRegular(link));
    }
  } catch (error) {
    return refuse('access', fsProblem(error));
  }

  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    // O_NOFOLLOW: what was checked above is what is opened, even if a link appears meanwhile.
    fd = openSync(
      target,
      constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    return refuse('access', fsProblem(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse('access', notRegular(stats));
    if (stats.size > maxBytes) return refuse('content', tooLarge(stats.size, maxBytes));
    // Read at most one byte beyond the cap: a file may grow, and /proc files report size 0.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return refuse('content', tooLarge(undefined, maxBytes));
    }
    return decodeUtf8(Buffer.concat(chunks, total));
  } catch (error) {
    return refuse('access', fsProblem(error));
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input as UTF-8, at most `maxBytes` of it. */
export async function readStdin(maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      return refuse('content', tooLarge(undefined, maxBytes));
    }
    chunks.push(chunk);
  }
  return decodeUtf8(Buffer.concat(chunks, total));
}

/** The real path a link leads to, or why it is not followed. */
function resolveLink(path: string, root: string | undefined): string | ReadResult {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return refuse('access', 'a symbolic link that loops');
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return refuse('access', 'a symbolic link to nothing (its target does not exist)');
    }
    return refuse('access', fsProblem(error));
  }
  if (root !== undefined) {
    const realRoot = realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return refuse(
        'access',
        `a symbolic link to ${real}, outside the rule pack ${realRoot}: not followed`,
      );
    }
  }
  return real;
}

/** Bytes as text; any bytes that are not UTF-8 are an error at their line and column. */
export function decodeUtf8(bytes: Buffer): ReadResult {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (isUtf8(bytes)) return { isOk: true, text: bytes.toString('utf8', start) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(
      'content',
      'the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8',
    );
  }
  const bad = firstInvalidUtf8(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = countNewlines(bytes, bad) + 1;
  const before = bytes.toString('utf8', Math.max(lineStart, start), bad);
  const shown = [...bytes.subarray(bad, bad + 4)]
    .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
    .join(' ');
  return refuse(
    'content',
    `not UTF-8: bytes ${shown}${bad + 4 < bytes.length ? ' …' : ''} are not UTF-8 text (GBK or another legacy encoding?); save the file as UTF-8`,
    line,
    before.length + 1,
  );
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let size: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) size = 1;
    else if (b >= 0xc2 && b <= 0xdf) size = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < size; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += size;
  }
  return bytes.length;
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function refuse(kind: ReadFailure['kind'], message: string, line = 1, col = 1): ReadResult {
  return { isOk: false, kind, message, line, col };
}

function notRegular(stats: Stats): string {
  const what = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a FIFO (named pipe)'
      : stats.isCharacterDevice()
        ? 'a character device'
        : stats.isBlockDevice()
          ? 'a block device'
          : stats.isSocket()
            ? 'a socket'
            : 'not a file';
  return `${what}, not a regular file`;
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const limit = `${maxBytes / (1024 * 1024)} MiB`;
  return size === undefined
    ? `larger than ${limit}, the most PolicyLens reads`
    : `${size} bytes, larger than ${limit}, the most PolicyLens reads`;
}

/** An error from node:fs in a few words, without its stack or syscall. */
export function fsProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a symbolic link where none is followed';
    case 'ENXIO':
      return 'a socket or device, not a regular file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return code ? `cannot be read (${code})` : String((error as Error).message ?? error);
  }
}

/** A read failure as a diagnostic at the file. */
export function readDiagnostic(file: string, failure: ReadFailure): Diagnostic {
  return {
    file,
    line: failure.line,
    col: failure.col,
    severity: 'error',
    code: failure.kind === 'access' ? 'file-access' : 'file-content',
    message: failure.message,
  };
}

/**
 * Every YAML file under a folder, sorted, skipping dot-folders and node_modules. Folders
 * are walked, links to folders are not (they could loop or leave the pack): each such link
 * is an error, so that no rules are skipped unseen.
 */
export function yamlFilesUnder(dir: string): { paths: string[]; diagnostics: Diagnostic[] } {
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(readDiagnostic(display(d), refuseFs(error)));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fileKind(full)) paths.push(full);
      else if (entry.isSymbolicLink() && isFolder(full)) {
        diagnostics.push({
          file: display(full),
          line: 1,
          col: 1,
          severity: 'error',
          code: 'file-access',
          message:
            'a symbolic link to a folder: not followed; move the files into the rule pack instead',
        });
      }
    }
  };
  walk(dir);
  return { paths, diagnostics };
}

function refuseFs(error: unknown): ReadFailure {
  return { kind: 'access', message: fsProblem(error), line: 1, col: 1 };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads files of a rule pack, with paths as the user sees them (relative to the working
 * folder). A file that cannot be read is an error at it, and is left out: the caller must
 * not load the pack.
 */
export function readSources(
  paths: string[],
  root: string,
): { files: SourceFile[]; diagnostics: Diagnostic[] } {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const read = readTextFile(path, { root });
    if (read.isOk) files.push({ path: display(path), text: read.text });
    else diagnostics.push(readDiagnostic(display(path), read));
  }
  return { files, diagnostics };
}

/** Reads every rule, case, vocabulary and page-map file of a rule pack. */
export function readPack(root: string): { files: SourceFile[]; diagnostics: Diagnostic[] } {
  const found = yamlFilesUnder(root);
  const read = readSources(found.paths, root);
  return { files: read.files, diagnostics: [...found.diagnostics, ...read.diagnostics] };
}

/** The folder holding facts.yaml at or above a path: the root of a rule pack. */
export function findRulesRoot(path: string): string {
  const start = resolve(path);
  let stats: Stats;
  try {
    stats = statSync(start);
  } catch (error) {
    throw new UsageError(`${quotePath(path)}: ${fsProblem(error)}`);
  }
  let dir = stats.isDirectory() ? start : dirname(start);
  for (;;) {
    if (isPresent(join(dir, 'facts.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UsageError(
    `no facts.yaml found in ${quotePath(path)} or the folders above it: is it a rule pack?`,
  );
}

/** Whether anything is at `path`, a dangling link or a FIFO too (its reading says what it is). */
export function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function display(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel.split(sep).join('/');
}

/** A path from the command line, fit to print: shown as given, control characters escaped. */
export function quotePath(path: string): string {
  return escapeControls(path);
}

/** Is `path` the same as, or inside, one of the selected paths? */
export function isSelected(path: string, selected: string[]): boolean {
  const full = resolve(path);
  return selected.some((s) => {
    const base = resolve(s);
    return full === base || full.startsWith(base + sep);
  });
}

/**
 * Reads a file named by an option (`--facts`, `--config`, `--corpus`), or standard input
 * for `-` when `allowStdin`. A path that is not a readable regular file is a usage error
 * (exit 2); a file whose content is refused gives a diagnostic (exit 1).
 */
export async function readArgumentFile(
  option: string,
  path: string,
  { allowStdin = false, maxBytes = MAX_FILE_BYTES } = {},
): Promise<{ name: string; text: string } | { name: string; diagnostic: Diagnostic }> {
  const isStdin = allowStdin && path === '-';
  const name = isStdin ? '<stdin>' : display(path);
  const read = isStdin ? await readStdin(maxBytes) : readTextFile(path, { maxBytes });
  if (read.isOk) return { name, text: read.text };
  if (read.kind === 'access') {
    const hint =
      allowStdin && /^a (FIFO|character device)/.test(read.message)
        ? ` (for standard input, give ${option} -)`
        : '';
    throw new UsageError(`${option} ${quotePath(path)}: ${read.message}${hint}`);
  }
  return { name, diagnostic: readDiagnostic(name, read) };
}
