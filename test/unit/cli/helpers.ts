import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main, type Io } from '../../../cli/main.ts';
import { FACTS_TEXT, REPO } from '../engine/helpers.ts';

export interface Run {
  code: number;
  /** Everything written to standard output, one write per line. */
  out: string;
  err: string;
}

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`),
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

const made: string[] = [];

/** Compiled packs of the tests that run the executable are cached here, never at home. */
let cache: string | undefined;

/**
 * Runs the real executable (the build in dist/, made before the tests), as `npx policylens`
 * would, with standard input and the working folder given.
 */
export function policylens(
  args: string[],
  input = '',
  { cwd = REPO, env }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { code: number | null; out: string; err: string } {
  cache ??= tempDir({}, false);
  const run = spawnSync(process.execPath, [join(REPO, 'dist/policylens.js'), ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      POLICYLENS_CACHE: '',
      POLICYLENS_CACHE_DIR: '',
      ...(env ?? { POLICYLENS_CACHE_DIR: cache }),
    },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A fresh temp folder with files written into it (the real facts.yaml unless given). */
export function tempDir(files: Record<string, string>, withFacts = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylens-test-'));
  made.push(dir);
  const all = withFacts ? { 'facts.yaml': FACTS_TEXT, ...files } : files;
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Removes every temp folder made so far; call it from afterAll. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  cache = undefined;
}

/** A small program flow: a block rule, a warning and a notice. */
export const DEMO_RULES = `flow: demo.flow
program: true
title: { zh-CN: 演示流程, en: Demo flow }
rules:
  - id: demo.flow.not-frozen
    severity: block
    source: seed L7
    title: { zh-CN: 账号未被冻结, en: The account is not frozen }
    message: { zh-CN: 被冻结的账号不能申请。, en: A frozen account cannot apply. }
    fail:
      zh-CN: 账号当前为{account.freeze}。
      en: The account is {account.freeze}.
    require: { fact: account.freeze, operator: equal, value: none }
  - id: demo.flow.email
    severity: warn
    source: seed L4
    title: { zh-CN: 已绑定邮箱, en: Email bound }
    message: { zh-CN: 请绑定邮箱。, en: Bind an email. }
    require: { fact: account.email.bound, operator: equal, value: true }
  - id: demo.flow.note
    severity: info
    source: seed L1
    title: { zh-CN: 提示, en: Note }
    message: { zh-CN: 仅供参考。, en: For reference. }
`;

export const DEMO_CASES = `flow: demo.flow
at: '2025-01-01'
cases:
  - name: a frozen account fails
    facts: { account: { freeze: arrears, email: { bound: true } } }
    expect:
      demo.flow.not-frozen:
        status: fail
        message: { en: Frozen (arrears), zh-CN: 已冻结（欠费） }
      demo.flow.email: pass
      demo.flow.note: notice
  - name: an unfrozen account without email
    facts: { account: { freeze: none, email: { bound: false } } }
    expect:
      demo.flow.not-frozen: pass
      demo.flow.email: fail
`;

/**
 * Runs the real executable like `policylens`, for input that could hang or exhaust the
 * process (a FIFO, a stream without end): the timeout ends it, and the signal tells.
 */
export function policylensProcess(
  args: string[],
  { input = '', cwd = REPO }: { input?: string | Buffer; cwd?: string } = {},
): Run & { signal: NodeJS.Signals | null } {
  cache ??= tempDir({}, false);
  const run = spawnSync(process.execPath, [join(REPO, 'dist/policylens.js'), ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, POLICYLENS_CACHE: '', POLICYLENS_CACHE_DIR: cache },
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr, signal: run.signal };
}
