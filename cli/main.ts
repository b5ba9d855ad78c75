import { createRequire } from 'node:module';
import { UsageError, type Command, type Io } from './args.ts';
import { diffCommand } from './diff.ts';
import { docsCommand } from './docs.ts';
import { evalCommand } from './eval.ts';
import { lintCommand } from './lint.ts';
import { testCommand } from './test.ts';
import { validateCommand } from './validate.ts';

export type { Io } from './args.ts';

const COMMANDS: Command[] = [
  validateCommand,
  evalCommand,
  testCommand,
  lintCommand,
  diffCommand,
  docsCommand,
];

export const USAGE = `Usage: policylens <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Options:
  -h, --help    Show this help; policylens <command> --help shows a command's own options.
  -v, --version Show the version.
`;

/** The version in package.json, read where the CLI is installed. */
export function version(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  if (name === '-v' || name === '--version') {
    io.out(`policylens ${version()}`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`policylens: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`policylens ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
