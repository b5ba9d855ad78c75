import { createRequire } from 'node:module';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: standard output and standard error, or a test's buffers. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A usage problem: the CLI prints it and exits 2. */
export class UsageError extends Error {}

/** One `policylens` command: its own help, and what it does. */
export interface Command {
  name: string;
  /** The whole text of `policylens <name> --help`. */
  help: string;
  run: (args: string[], io: Io) => Promise<number>;
}

/** What `parse` returns: parseArgs's result for the options given, and `help`. */
type Parsed<T extends ParseArgsConfig['options']> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: T & { help: { type: 'boolean'; short: 'h' } };
    allowPositionals: true;
    strict: true;
  }>
>;

/** node:util parseArgs, strict, with `-h/--help`, and usage errors turned into exit code 2. */
export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } as const },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

declare const __POLICYLENS_VERSION__: string | undefined;

/** The version in package.json: put in the bundle by the build, read from it in the sources. */
export function version(): string {
  if (typeof __POLICYLENS_VERSION__ === 'string') return __POLICYLENS_VERSION__;
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}
