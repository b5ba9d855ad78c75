import { parseArgs, type ParseArgsConfig } from 'node:util';
import { evalCommand } from './eval.ts';
import { UsageError } from './files.ts';
import { testCommand } from './test.ts';
import { validateCommand } from './validate.ts';

export const USAGE = `Usage: policylens <command> [options]

Commands:
  validate [PATH...]          Check rule files, case files and the fact vocabulary
                              (default: rules/). Exit 0 valid, 1 errors, 2 usage.
  eval --flow ID --facts FILE|-
       [--at YYYY-MM-DD] [--lang zh-CN|en] [--format text|json]
                              Evaluate one flow for a facts file (JSON) or stdin.
  test [PATH...] [--format text|json|junit] [--grep TEXT]
       [--coverage] [--min-coverage N]
                              Run the case files (*.cases.yaml) under PATH (default: rules/).

Options:
  -h, --help                  Show this help.
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  eval: evalCommand,
  test: testCommand,
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`policylens: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`policylens ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** node:util parseArgs with usage errors turned into exit code 2. */
export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
