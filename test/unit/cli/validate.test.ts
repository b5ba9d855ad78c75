import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../../cli/main.ts';
import { posOf } from '../engine/helpers.ts';
import { cli, DEMO_CASES, DEMO_RULES, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

describe('policylens (no command)', { timeout: 30_000 }, () => {
  it('prints usage to stderr and exits 2 without a command', async () => {
    const run = await cli();
    expect(run).toEqual({ code: 2, out: '', err: USAGE });
  });

  it('prints usage to stdout and exits 0 for --help', async () => {
    expect(await cli('--help')).toEqual({ code: 0, out: USAGE, err: '' });
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      expect(await cli(flag)).toEqual({ code: 0, out: `policylens ${version}\n`, err: '' });
    }
  });

  it('each command has its own --help, listing its own options', async () => {
    const evalHelp = await cli('eval', '--help');
    expect(evalHelp.code).toBe(0);
    expect(evalHelp.out).toMatch(/^Usage: policylens eval --flow ID/);
    expect(evalHelp.out).toContain('--rules DIR');
    expect(evalHelp.out).not.toContain('--min-coverage');
    const testHelp = await cli('test', '-h');
    expect(testHelp.out).toMatch(/^Usage: policylens test/);
    expect(testHelp.out).toContain('--min-coverage N');
    expect(testHelp.out).not.toContain('--flow');
    // The general usage lists every command, one line each.
    for (const name of ['validate', 'eval', 'test', 'lint', 'diff', 'docs']) {
      expect(USAGE).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });

  it('an unknown command exits 2 and names it', async () => {
    const run = await cli('vaildate');
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe('policylens: unknown command "vaildate"');
  });
});

describe('policylens validate', { timeout: 30_000 }, () => {
  it('exits 0 for a valid pack and says how many files it checked', async () => {
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': DEMO_CASES });
    expect(await cli('validate', dir)).toEqual({
      code: 0,
      out: '3 files checked: 0 errors, 0 warnings\n',
      err: '',
    });
  });

  it('exits 1 and prints each error as file:line:col, with the count on stderr', async () => {
    const broken = DEMO_RULES.replace('value: none', 'value: frozen');
    const dir = tempDir({ 'demo/flow.yaml': broken });
    const { line, col } = posOf(broken, 'frozen }', 2);
    expect(await cli('validate', dir)).toEqual({
      code: 1,
      out: `${join(dir, 'demo/flow.yaml')}:${line}:${col}: error: "account.freeze" equal: expected one of none, closure, arrears, police, violation, other, found "frozen"\n`,
      err: '2 files checked: 1 error, 0 warnings\n',
    });
  });

  it('checks page maps too, against the vocabulary and the flows', async () => {
    const page = `sites: [https://example.com/app/]
pages:
  - id: demo.flow
    flow: demo.flwo
    routes: [/demo]
    heading: { zh-CN: 演示, en: Demo }
    fields:
      - { fact: account.frozen, label: { zh-CN: 状态, en: Status } }
`;
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'pages/demo.yaml': page });
    const run = await cli('validate', dir);
    expect(run.code).toBe(1);
    const file = join(dir, 'pages/demo.yaml');
    expect(run.out).toContain(`${file}:4:11: error: unknown flow "demo.flwo"`);
    expect(run.out).toContain(`${file}:8:17: error: unknown fact "account.frozen"`);
    expect(run.err).toBe('3 files checked: 2 errors, 0 warnings\n');
  });

  it('reports errors in case files too', async () => {
    const cases = DEMO_CASES.replace('demo.flow.email: fail', 'demo.flow.emial: fail');
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': cases });
    const { line, col } = posOf(cases, 'demo.flow.emial');
    const run = await cli('validate', dir);
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      `${join(dir, 'demo/flow.cases.yaml')}:${line}:${col}: error: flow "demo.flow" has no rule "demo.flow.emial" (did you mean "demo.flow.email"?)\n`,
    );
  });

  it('exits 0 with warnings, and prints them', async () => {
    const cases = DEMO_CASES.replace('freeze: none,', 'freeze: none, nick: x,');
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': cases });
    const run = await cli('validate', dir);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/flow\.cases\.yaml:\d+:\d+: warning: unknown fact "account\.nick"/);
    expect(run.out.trim().split('\n').at(-1)).toBe('3 files checked: 0 errors, 1 warning');
  });

  it('checks a single file in the context of its pack', async () => {
    const other = DEMO_RULES.replace(/demo\.flow/g, 'demo.other');
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/other.yaml': other });
    // The same rule sources in both files are fine; the same rule ids would not be.
    expect(await cli('validate', join(dir, 'demo/flow.yaml'))).toEqual({
      code: 0,
      out: '1 file checked: 0 errors, 0 warnings\n',
      err: '',
    });
  });

  it('does not pass a good file whose pack is broken elsewhere', async () => {
    const other = DEMO_RULES.replace(/demo\.flow/g, 'demo.other').replace(
      'value: none',
      'value: nope',
    );
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/other.yaml': other });
    const run = await cli('validate', join(dir, 'demo/flow.yaml'));
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.split('\n')[0]).toBe(
      `policylens validate: the rule pack in ${dir} has errors; run policylens validate ${dir}`,
    );
    const own = await cli('validate', join(dir, 'demo/other.yaml'));
    expect(own.code).toBe(1);
    expect(own.out).toContain('found "nope"');
  });

  it('a YAML syntax error is one error at its position', async () => {
    const broken = DEMO_RULES.replace('    severity: warn\n', '    severity: warn\n   oops: 1\n');
    const dir = tempDir({ 'demo/flow.yaml': broken });
    const run = await cli('validate', dir);
    expect(run.code).toBe(1);
    const line = posOf(broken, '   oops').line;
    expect(run.out).toMatch(
      new RegExp(`^${join(dir, 'demo/flow.yaml')}:${line}:1: error: invalid YAML: `),
    );
    expect(run.out.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a path that does not exist or is not in a pack', async () => {
    const missing = await cli('validate', '/nonexistent/policylens');
    expect(missing).toEqual({
      code: 2,
      out: '',
      err: 'policylens validate: /nonexistent/policylens: no such file or folder\n',
    });
    const noFacts = tempDir({ 'demo/flow.yaml': DEMO_RULES }, false);
    const run = await cli('validate', noFacts);
    expect(run.code).toBe(2);
    expect(run.err).toContain('no facts.yaml found in');
  });

  it('exits 2 for an unknown option', async () => {
    const run = await cli('validate', '--strict');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^policylens validate: Unknown option '--strict'/);
  });
});
