import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES_DIR } from '../engine/helpers.ts';
import { cli, DEMO_RULES, removeTempDirs, tempDir } from './helpers.ts';

let pack: string;
let facts: string;

/** Writes a facts file into the temp folder and returns its path. */
function factsFile(name: string, text: string): string {
  const dir = tempDir({ [name]: text }, false);
  return join(dir, name);
}

beforeAll(() => {
  pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
  facts = factsFile('facts.json', JSON.stringify({ account: { freeze: 'arrears' } }));
});
afterAll(removeTempDirs);

const evalDemo = (...args: string[]) =>
  cli('eval', '--rules', pack, '--flow', 'demo.flow', '--at', '2025-01-01', ...args);

describe('policylens eval --format json', { timeout: 30_000 }, () => {
  it('prints the flow, the date and one result per rule in checklist order, and exits 0 on a fail', async () => {
    const run = await evalDemo('--facts', facts, '--format', 'json', '--lang', 'en');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const output = JSON.parse(run.out) as {
      flow: string;
      at: string;
      results: Record<string, unknown>[];
    };
    expect(output.flow).toBe('demo.flow');
    expect(output.at).toBe('2025-01-01');
    expect(output.results.map((r) => [r.rule, r.status, r.severity, r.message])).toEqual([
      ['demo.flow.not-frozen', 'fail', 'block', 'The account is Frozen (arrears).'],
      ['demo.flow.email', 'unknown', 'warn', 'Bind an email.'],
      ['demo.flow.note', 'notice', 'info', 'For reference.'],
    ]);
    expect(output.results[1]).toMatchObject({ missing: ['account.email.bound'] });
    expect(output.results[0]).toMatchObject({
      reason: 'Not met. Expected: Account status is Normal (found: Frozen (arrears)).',
      require: { kind: 'fact', fact: 'account.freeze', expected: 'none', actual: 'arrears' },
      source: ['seed L7'],
    });
  });

  it('speaks Chinese by default and English with --lang en', async () => {
    const zh = JSON.parse((await evalDemo('--facts', facts, '--format', 'json')).out);
    const en = JSON.parse(
      (await evalDemo('--facts', facts, '--format', 'json', '--lang', 'en')).out,
    );
    expect(zh.results[0].message).toBe('账号当前为已冻结（欠费）。');
    expect(en.results[0].message).toBe('The account is Frozen (arrears).');
  });

  it('works on the real rules, in checklist order', async () => {
    const realFacts = factsFile(
      'real.json',
      JSON.stringify({ account: { realName: { status: 'verified', type: 'individual' } } }),
    );
    const run = await cli(
      'eval',
      '--rules',
      RULES_DIR,
      '--flow',
      'hcpn.join',
      '--facts',
      realFacts,
      '--at',
      '2025-06-16',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const output = JSON.parse(run.out);
    expect(output.results.map((r: { rule: string; status: string }) => [r.rule, r.status])).toEqual(
      [
        ['hcpn.join.enterprise-verified', 'fail'],
        ['hcpn.join.prepare-info', 'notice'],
      ],
    );
  });
});

describe('policylens eval (text)', { timeout: 30_000 }, () => {
  it('shows each rule with its status, message and why, then a summary', async () => {
    const run = await evalDemo('--facts', facts, '--lang', 'en');
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      [
        'demo.flow — Demo flow (2025-01-01, en)',
        '',
        '[FAIL]    block The account is not frozen  (demo.flow.not-frozen)',
        '          The account is Frozen (arrears).',
        '          why: Not met. Expected: Account status is Normal (found: Frozen (arrears)).',
        '',
        '[unknown] warn  Email bound  (demo.flow.email)',
        '          Bind an email.',
        '          why: Cannot be decided yet: missing Email.',
        '',
        '[notice]  info  Note  (demo.flow.note)',
        '          For reference.',
        '          why: For your information.',
        '',
        'Summary: 0 pass, 1 fail, 1 unknown, 0 skip, 1 notice — not eligible',
        '',
      ].join('\n'),
    );
  });

  it('in Chinese, the why and the summary are Chinese too', async () => {
    const run = await evalDemo('--facts', facts);
    expect(run.out).toContain(
      '          原因: 不满足。要求：账号状态等于正常（实际：已冻结（欠费））。\n',
    );
    expect(run.out).toContain('汇总: 0 pass, 1 fail, 1 unknown, 0 skip, 1 notice — 不符合条件\n');
  });
});

describe('policylens eval: bad facts exit 1 and say where', { timeout: 30_000 }, () => {
  it('facts that are not JSON point at the offending character', async () => {
    const file = factsFile('bad.json', '{\n  "account": {\n    "freeze": }\n}\n');
    expect(await evalDemo('--facts', file)).toEqual({
      code: 1,
      out: '',
      err: `${file}:3:15: error: not valid JSON: Unexpected token '}'\n`,
    });
  });

  it('a truncated facts file points at its end', async () => {
    const file = factsFile('cut.json', '{\n  "account": {\n    "freeze": "none"');
    expect(await evalDemo('--facts', file)).toEqual({
      code: 1,
      out: '',
      err: `${file}:3:21: error: not valid JSON: Expected ',' or '}' after property value\n`,
    });
  });

  it('a value outside an enum names the fact, the values allowed and where it is', async () => {
    const file = factsFile('enum.json', '{\n  "account": { "freeze": "frozen" }\n}\n');
    expect(await evalDemo('--facts', file)).toEqual({
      code: 1,
      out: '',
      err: `${file}:2:26: error: fact "account.freeze": expected one of none, closure, arrears, police, violation, other, found "frozen"\n`,
    });
  });

  it('a value of the wrong type names the fact', async () => {
    const file = factsFile('type.json', '{"account": {"email": {"bound": "yes"}}}');
    const run = await evalDemo('--facts', file);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `${file}:1:33: error: fact "account.email.bound": expected true or false, found "yes"\n`,
    );
  });

  it('facts that are not an object are refused', async () => {
    const file = factsFile('list.json', '[]');
    expect((await evalDemo('--facts', file)).err).toBe(
      `${file}:1:1: error: expected an object of facts, found a list\n`,
    );
  });

  it('an unknown fact is a warning at its name: the rest is still evaluated and the exit is 0', async () => {
    const file = factsFile('extra.json', '{"account": {"freeze": "none", "frozen": true}}');
    const run = await evalDemo('--facts', file, '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `${file}:1:32: warning: unknown fact "account.frozen" (did you mean "account.freeze"?); it is ignored\n`,
    );
    expect(JSON.parse(run.out).results[0].status).toBe('pass');
  });

  it('rules with errors exit 1 and show the rule errors', async () => {
    const broken = tempDir({ 'demo/flow.yaml': DEMO_RULES.replace('value: none', 'value: nope') });
    const run = await cli('eval', '--rules', broken, '--flow', 'demo.flow', '--facts', facts);
    expect(run.code).toBe(1);
    expect(run.err).toContain('found "nope"');
    expect(run.err.trim().split('\n').at(-1)).toBe(
      'policylens eval: the rules have errors; fix them first (policylens validate)',
    );
  });
});

describe('policylens eval: usage errors exit 2', { timeout: 30_000 }, () => {
  it('an unknown flow lists the valid ones', async () => {
    const run = await cli('eval', '--rules', pack, '--flow', 'demo.flwo', '--facts', facts);
    expect(run).toEqual({
      code: 2,
      out: '',
      err: 'policylens eval: unknown flow "demo.flwo"; valid flows: demo.flow\n',
    });
  });

  it.each([
    [['--facts', 'x.json'], 'missing --flow ID'],
    [['--flow', 'demo.flow'], 'missing --facts FILE (or - for standard input)'],
    [
      ['--flow', 'demo.flow', '--facts', 'x', '--at', '2025-02-30'],
      '--at must be a date YYYY-MM-DD, not "2025-02-30"',
    ],
    [
      ['--flow', 'demo.flow', '--facts', 'x', '--at', 'tomorrow'],
      '--at must be a date YYYY-MM-DD, not "tomorrow"',
    ],
    [
      ['--flow', 'demo.flow', '--facts', 'x', '--lang', 'fr'],
      '--lang must be zh-CN or en, not "fr"',
    ],
    [
      ['--flow', 'demo.flow', '--facts', 'x', '--format', 'yaml'],
      '--format must be text or json, not "yaml"',
    ],
    [
      ['--flow', 'demo.flow', '--facts', '/nonexistent.json'],
      '--facts /nonexistent.json: no such file or folder',
    ],
  ])('%j: %s', async (args, message) => {
    expect(await cli('eval', '--rules', pack, ...args)).toEqual({
      code: 2,
      out: '',
      err: `policylens eval: ${message}\n`,
    });
  });
});

describe('policylens eval reads only the flow it is asked for', { timeout: 30_000 }, () => {
  const other = DEMO_RULES.replaceAll('demo.flow', 'other.flow');

  it("another flow's broken file does not stop it; validate still finds the error", async () => {
    const dir = tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'other/flow.yaml': other.replace('value: none', 'value: nope'),
    });
    const run = await cli('eval', '--rules', dir, '--flow', 'demo.flow', '--facts', facts);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('demo.flow.not-frozen');
    expect((await cli('validate', dir)).out).toContain('found "nope"');
  });

  it('finds a flow kept elsewhere than program/name.yaml, by its flow: line', async () => {
    const dir = tempDir({ 'misc/all-demo.yaml': DEMO_RULES, 'other/flow.yaml': other });
    const run = await cli('eval', '--rules', dir, '--flow', 'demo.flow', '--facts', facts);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('demo.flow.not-frozen');
  });

  it('finds a flow in a file written as JSON', async () => {
    const { parse } = await import('yaml');
    const dir = tempDir({ 'misc/demo.yaml': JSON.stringify(parse(DEMO_RULES), null, 2) });
    const run = await cli('eval', '--rules', dir, '--flow', 'demo.flow', '--facts', facts);
    expect(run).toMatchObject({ code: 0, err: '' });
  });

  it('an unknown flow lists every flow the pack declares', async () => {
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'other/flow.yaml': other });
    const run = await cli('eval', '--rules', dir, '--flow', 'demo.flwo', '--facts', facts);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'policylens eval: unknown flow "demo.flwo"; valid flows: demo.flow, other.flow\n',
    );
  });
});
