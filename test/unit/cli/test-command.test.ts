import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posOf } from '../engine/helpers.ts';
import { cli, DEMO_CASES, DEMO_RULES, removeTempDirs, tempDir } from './helpers.ts';

/** Cases with two failures: a wrong status, and a message that lacks a text (and `<&>` in a name). */
const FAILING_CASES = `${DEMO_CASES}  - name: wrong status
    facts: { account: { freeze: none } }
    expect: { demo.flow.not-frozen: fail }
  - name: wrong message <&>
    facts: { account: { freeze: police } }
    expect:
      demo.flow.not-frozen:
        status: fail
        message: { en: arrears }
`;

let passing: string;
let failing: string;

beforeAll(() => {
  passing = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': DEMO_CASES });
  failing = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': FAILING_CASES });
});
afterAll(removeTempDirs);

/** Throws unless the text is a well-formed XML document (saxes checks XML 1.0 strictly). */
function checkWellFormedXml(xml: string): void {
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw error;
}

describe('policylens test', { timeout: 30_000 }, () => {
  it('exits 0 and lists every case when all pass', async () => {
    expect(await cli('test', passing)).toEqual({
      code: 0,
      out: [
        'ok   demo.flow › a frozen account fails',
        'ok   demo.flow › an unfrozen account without email',
        'cases: 2 passed, 0 failed',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('exits 1 on a failing case and prints expected vs actual, the message and why', async () => {
    const run = await cli('test', failing);
    expect(run.code).toBe(1);
    const file = join(failing, 'demo/flow.cases.yaml');
    // Each failure points at the expectation that failed, not at the start of its case.
    const wrongStatus = posOf(FAILING_CASES, 'demo.flow.not-frozen: fail }').line;
    const wrongMessage = posOf(FAILING_CASES, 'message: { en: arrears }').line;
    expect(run.out).toBe(
      [
        'ok   demo.flow › a frozen account fails',
        'ok   demo.flow › an unfrozen account without email',
        'FAIL demo.flow › wrong status',
        'FAIL demo.flow › wrong message <&>',
        '',
        `✗ ${file}:${wrongStatus}: demo.flow › wrong status`,
        `    ${file}:${wrongStatus}: demo.flow.not-frozen: expected fail, got pass`,
        '      message: A frozen account cannot apply.',
        '      why:     Met: Account status is Normal (found: Normal).',
        '',
        `✗ ${file}:${wrongMessage}: demo.flow › wrong message <&>`,
        `    ${file}:${wrongMessage}: demo.flow.not-frozen: message (en) should contain "arrears"`,
        '      actual:   The account is Frozen (police).',
        '      why:     Not met. Expected: Account status is Normal (found: Frozen (police)).',
        'cases: 2 passed, 2 failed',
        '',
      ].join('\n'),
    );
  });

  it('--format junit is well-formed XML with one failure per failing case, and times', async () => {
    const run = await cli('test', failing, '--format', 'junit');
    expect(run.code).toBe(1);
    expect(() => checkWellFormedXml(run.out)).not.toThrow();
    expect(run.out).toMatch(
      /<testsuites name="policylens" tests="4" failures="2" errors="0" time="\d+\.\d{3}">/,
    );
    expect(run.out).toMatch(
      /<testsuite name="[^"]+" tests="4" failures="2" [^>]*time="\d+\.\d{3}">/,
    );
    expect(run.out.match(/<testcase [^>]* time="\d+\.\d{3}"/g)).toHaveLength(4);
    expect(run.out.match(/<failure /g)).toHaveLength(2);
    expect(run.out).toContain(
      '<failure message="demo.flow.not-frozen: expected fail, got pass" type="mismatch">',
    );
    expect(run.out).toContain('name="wrong message &#60;&#38;&#62;"');
    // A failed case's line is its failing expectation's.
    const line = posOf(FAILING_CASES, 'demo.flow.not-frozen: fail }').line;
    expect(run.out).toMatch(new RegExp(`name="wrong status" file="[^"]+" line="${line}"`));
  });

  it('--format junit stays well formed when names hold what XML forbids', async () => {
    // A bell, escapes (terminal colours), a form feed and an unpaired surrogate: XML 1.0
    // allows none of them, not even as &#7;. They are written out as \\uXXXX instead.
    const cases = FAILING_CASES.replace(
      '- name: wrong status',
      '- name: "odd \\a \\e[31mred\\e[0m \\f \\ud800 name"',
    );
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': cases });
    const run = await cli('test', dir, '--format', 'junit');
    expect(run.code).toBe(1);
    expect(() => checkWellFormedXml(run.out)).not.toThrow();
    expect(run.out).toContain('name="odd \\u0007 \\u001b[31mred\\u001b[0m \\u000c \\ud800 name"');
  });

  it('the XML checker used above does catch broken XML', () => {
    const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => checkWellFormedXml(`${declaration}<a><b></a>`)).toThrow();
    expect(() => checkWellFormedXml(`${declaration}<a>x & y</a>`)).toThrow();
    expect(() => checkWellFormedXml(`${declaration}<a/><b/>`)).toThrow();
    expect(() => checkWellFormedXml(`${declaration}<a b="\u0001"/>`)).toThrow();
    expect(() => checkWellFormedXml(`${declaration}<a>&#1;</a>`)).toThrow();
    expect(() => checkWellFormedXml(`${declaration}<a>\u0007</a>`)).toThrow();
  });

  it('--format json gives counts, each case with its failures, and exits 1 on failures', async () => {
    const run = await cli('test', failing, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out);
    expect([report.passed, report.failed]).toEqual([2, 2]);
    expect(report.cases.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['a frozen account fails', true],
      ['an unfrozen account without email', true],
      ['wrong status', false],
      ['wrong message <&>', false],
    ]);
    expect(report.cases[2].failures).toEqual([
      {
        rule: 'demo.flow.not-frozen',
        line: posOf(FAILING_CASES, 'demo.flow.not-frozen: fail }').line,
        expected: { status: 'fail' },
        actual: {
          status: 'pass',
          message: 'A frozen account cannot apply.',
          reason: 'Met: Account status is Normal (found: Normal).',
        },
      },
    ]);
    expect(report.cases[3].failures[0].lang).toBe('en');
    expect(report.coverage).toBeUndefined();
  });

  it('--grep runs only the cases whose flow or name matches, case-insensitively', async () => {
    const run = await cli('test', failing, '--grep', 'A FROZEN ACCOUNT');
    expect(run).toEqual({
      code: 0,
      out: 'ok   demo.flow › a frozen account fails\ncases: 1 passed, 0 failed\n',
      err: '',
    });
    const none = await cli('test', failing, '--grep', 'no such case');
    expect(none.code).toBe(1);
    expect(none.err).toBe(
      `policylens test: no cases found in ${failing} matching "no such case"\n`,
    );
  });

  it('--coverage lists the rules that lack a status', async () => {
    const run = await cli('test', passing, '--coverage', '--grep', 'frozen account fails');
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      [
        'coverage: 33.3% of 3 rules reached pass and fail, with each fail text chosen by cause (notices: notice)',
        '  demo.flow.not-frozen: never pass (reached: fail)',
        '  demo.flow.email: never fail (reached: pass)',
      ].join('\n'),
    );
  });

  it('says which fail text chosen by cause no case shows, and which unwanted text a message holds', async () => {
    const rules = DEMO_RULES.replace(
      `    fail:
      zh-CN: 账号当前为{account.freeze}。
      en: The account is {account.freeze}.
`,
      `    fail:
      - when: { fact: account.freeze, operator: equal, value: arrears }
        zh-CN: 请结清欠款。
        en: Pay what you owe.
      - zh-CN: 请联系客服。
        en: Ask support.
`,
    );
    const cases = DEMO_CASES.replace(
      'message: { en: Frozen (arrears), zh-CN: 已冻结（欠费） }',
      'message: { en: Pay }\n        notMessage: { en: [support, owe] }',
    );
    const dir = tempDir({ 'demo/flow.yaml': rules, 'demo/flow.cases.yaml': cases });
    const run = await cli('test', dir, '--coverage');
    expect(run.code).toBe(1);
    const { line } = posOf(rules, 'zh-CN: 请联系客服');
    const notMessage = posOf(cases, 'notMessage: { en: [support, owe] }').line;
    expect(run.out).toContain(
      [
        `    ${join(dir, 'demo/flow.cases.yaml')}:${notMessage}: demo.flow.not-frozen: message (en) should not contain "owe"`,
        '      actual:   Pay what you owe.',
      ].join('\n'),
    );
    expect(run.out).toContain(
      [
        'coverage: 66.6% of 3 rules reached pass and fail, with each fail text chosen by cause (notices: notice)',
        `  demo.flow.not-frozen: fail text 2 (${join(dir, 'demo/flow.yaml')}:${line}) never shown by a case that checks its message and notMessage`,
      ].join('\n'),
    );
  });

  it('--min-coverage exits 1 below the minimum and 0 at or above it', async () => {
    const low = await cli(
      'test',
      passing,
      '--min-coverage',
      '50',
      '--grep',
      'frozen account fails',
    );
    expect(low.code).toBe(1);
    expect(low.err).toBe('policylens test: coverage 33.3% is below the minimum 50%\n');
    const met = await cli('test', passing, '--min-coverage', '100');
    expect(met.code).toBe(0);
    expect(met.out).toContain('coverage: 100% of 3 rules');
    expect(met.err).toBe('');
  });

  it('--coverage in JSON reports the percent and each rule', async () => {
    const run = await cli('test', passing, '--format', 'json', '--coverage');
    const report = JSON.parse(run.out);
    expect(report.coverage.percent).toBe(100);
    expect(
      report.coverage.rules.map((r: { rule: string; lacking: string[] }) => [r.rule, r.lacking]),
    ).toEqual([
      ['demo.flow.not-frozen', []],
      ['demo.flow.email', []],
      ['demo.flow.note', []],
    ]);
  });

  it('exits 2 for a bad --min-coverage or --format', async () => {
    expect(await cli('test', passing, '--min-coverage', 'most')).toEqual({
      code: 2,
      out: '',
      err: 'policylens test: --min-coverage must be a number from 0 to 100, not "most"\n',
    });
    expect((await cli('test', passing, '--min-coverage', '101')).code).toBe(2);
    expect(await cli('test', passing, '--format', 'tap')).toEqual({
      code: 2,
      out: '',
      err: 'policylens test: --format must be text, json or junit, not "tap"\n',
    });
  });

  it('exits 1 without running anything when a case file is invalid', async () => {
    const dir = tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'demo/flow.cases.yaml': DEMO_CASES.replace('demo.flow.note: notice', 'demo.flow.note: pass'),
    });
    const run = await cli('test', dir);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(
      'error: rule "demo.flow.note" is a notice: it can be notice, skip or unknown, never pass',
    );
  });
});
