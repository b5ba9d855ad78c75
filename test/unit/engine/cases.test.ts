import { describe, expect, it } from 'vitest';
import { coverage, loadSuites, runCase } from '../../../engine/authoring/cases.ts';
import { createEvaluator, type CompiledPack } from '../../../engine/index.ts';
import { lines, load, posOf, rule, ruleFile } from './helpers.ts';

const loaded = load({
  'rules/demo/flow.yaml': ruleFile(
    rule(
      'demo.flow.not-frozen',
      `    fail:
      zh-CN: 账号当前为{account.freeze}。
      en: The account is {account.freeze}.
    require: { fact: account.freeze, operator: equal, value: none }
`,
    ) +
      rule('demo.flow.note', '', 'info') +
      rule(
        'demo.flow.email',
        '    require: { fact: account.email.bound, operator: equal, value: true }\n',
        'warn',
      ),
  ),
});
const pack = loaded.pack as CompiledPack;
const FILE = 'rules/demo/flow.cases.yaml';

function suitesOf(text: string) {
  return loadSuites([{ path: FILE, text }], pack);
}

function at(text: string, needle: string, severity: string, message: string, nth = 1): string {
  const { line, col } = posOf(text, needle, nth);
  return `${FILE}:${line}:${col}: ${severity}: ${message}`;
}

describe('loading case files', () => {
  it('a valid file gives one suite with its cases, their lines and the default date', () => {
    const text = `flow: demo.flow
at: '2025-01-01'
cases:
  - name: frozen
    facts: { account: { freeze: arrears } }
    expect: { demo.flow.not-frozen: fail }
  - name: later
    at: '2025-02-01'
    facts: {}
    expect:
      demo.flow.note: { status: notice, message: { en: Message } }
`;
    const { suites, diagnostics } = suitesOf(text);
    expect(diagnostics).toEqual([]);
    expect(suites).toHaveLength(1);
    expect(
      suites[0]!.cases.map((c) => ({ name: c.name, at: c.at, line: c.line, expect: c.expect })),
    ).toEqual([
      {
        name: 'frozen',
        at: '2025-01-01',
        line: 4,
        expect: { 'demo.flow.not-frozen': { status: 'fail' } },
      },
      {
        name: 'later',
        at: '2025-02-01',
        line: 7,
        expect: { 'demo.flow.note': { status: 'notice', message: { en: 'Message' } } },
      },
    ]);
  });

  it('an unknown flow lists the flows there are, with a did-you-mean', () => {
    const text = `flow: demo.flwo\ncases:\n  - name: x\n    facts: {}\n    expect: { demo.flow.note: notice }\n`;
    const { suites, diagnostics } = suitesOf(text);
    expect(suites).toEqual([]);
    expect(lines(diagnostics)).toEqual([
      at(
        text,
        'demo.flwo',
        'error',
        'unknown flow "demo.flwo" (did you mean "demo.flow"?); known flows: demo.flow',
      ),
    ]);
  });

  it('an unknown rule id points at the key, with a did-you-mean', () => {
    const text = `flow: demo.flow\ncases:\n  - name: x\n    facts: {}\n    expect:\n      demo.flow.not-frozn: pass\n`;
    expect(lines(suitesOf(text).diagnostics)).toEqual([
      at(
        text,
        'demo.flow.not-frozn',
        'error',
        'flow "demo.flow" has no rule "demo.flow.not-frozn" (did you mean "demo.flow.not-frozen"?)',
      ),
    ]);
  });

  it('facts of the wrong type or outside an enum point at the value; unknown facts warn at the name', () => {
    const text = `flow: demo.flow
cases:
  - name: bad facts
    facts:
      account:
        freeze: frozen
        email: { bound: 'yes' }
        nickname: x
      context: { date: '2025-01-01' }
    expect: { demo.flow.note: notice }
`;
    const { suites, diagnostics } = suitesOf(text);
    expect(suites).toEqual([]);
    expect(lines(diagnostics)).toEqual([
      at(
        text,
        'frozen',
        'error',
        'fact "account.freeze": expected one of none, closure, arrears, police, violation, other, found "frozen"',
      ),
      at(text, "'yes'", 'error', 'fact "account.email.bound": expected true or false, found "yes"'),
      at(
        text,
        'nickname',
        'warning',
        'unknown fact "account.nickname" (did you mean "account.name"?); it is ignored',
      ),
      at(
        text,
        'date:',
        'error',
        '"context.date" is supplied by the engine and cannot be given as a fact',
      ),
    ]);
  });

  it('a pass or fail expected of a notice, or a notice of a rule with a requirement, is impossible', () => {
    const text = `flow: demo.flow
cases:
  - name: impossible
    facts: {}
    expect:
      demo.flow.note: pass
      demo.flow.not-frozen: { status: notice }
`;
    expect(lines(suitesOf(text).diagnostics)).toEqual([
      at(
        text,
        'pass',
        'error',
        'rule "demo.flow.note" is a notice: it can be notice, skip or unknown, never pass',
      ),
      at(
        text,
        '{ status: notice }',
        'error',
        'rule "demo.flow.not-frozen" has a requirement: it can be pass, fail, unknown or skip, never notice',
      ),
    ]);
  });

  it('a status that is not a status is a schema error at the value', () => {
    const text = `flow: demo.flow\ncases:\n  - name: x\n    facts: {}\n    expect:\n      demo.flow.note: shown\n`;
    expect(lines(suitesOf(text).diagnostics)).toEqual([
      at(
        text,
        'shown',
        'error',
        'cases[0].expect.demo.flow.note: expected one of pass, fail, unknown, skip, notice, found "shown"',
      ),
    ]);
  });
});

describe('running cases', () => {
  const evaluator = createEvaluator(pack);
  const caseOf = (text: string) => suitesOf(text).suites[0]!.cases[0]!;

  it('a case whose statuses and message parts match is ok', async () => {
    const result = await runCase(
      evaluator,
      caseOf(`flow: demo.flow
cases:
  - name: frozen
    facts: { account: { freeze: arrears } }
    expect:
      demo.flow.not-frozen:
        status: fail
        message: { en: Frozen (arrears), zh-CN: 已冻结（欠费） }
      demo.flow.note: notice
`),
    );
    expect(result.isOk).toBe(true);
    expect(result.mismatches).toEqual([]);
    expect(result.statuses).toEqual({
      'demo.flow.not-frozen': 'fail',
      'demo.flow.note': 'notice',
      'demo.flow.email': 'unknown',
    });
  });

  it('a wrong status is a mismatch that carries the actual result and why', async () => {
    const result = await runCase(
      evaluator,
      caseOf(`flow: demo.flow
cases:
  - name: wrong
    facts: { account: { freeze: none } }
    expect: { demo.flow.not-frozen: fail }
`),
    );
    expect(result.isOk).toBe(false);
    expect(result.mismatches).toHaveLength(1);
    const [m] = result.mismatches;
    expect([m!.rule, m!.expected.status, m!.actual.status, m!.actual.reason]).toEqual([
      'demo.flow.not-frozen',
      'fail',
      'pass',
      'Met: Account status is Normal (found: Normal).',
    ]);
  });

  it('a message that lacks the expected text is a mismatch in that language only', async () => {
    const result = await runCase(
      evaluator,
      caseOf(`flow: demo.flow
cases:
  - name: message
    facts: { account: { freeze: police } }
    expect:
      demo.flow.not-frozen:
        status: fail
        message: { en: Frozen (police), zh-CN: 已冻结（欠费） }
`),
    );
    expect(result.isOk).toBe(false);
    expect(result.mismatches.map((m) => [m.lang, m.actualMessage])).toEqual([
      ['zh-CN', '账号当前为已冻结（公安）。'],
    ]);
  });
});

describe('coverage', () => {
  const evaluator = createEvaluator(pack);
  const run = async (text: string) => {
    const suite = suitesOf(text).suites[0]!;
    return Promise.all(suite.cases.map((c) => runCase(evaluator, c)));
  };

  it('a rule is covered when cases reach pass and fail; a notice when it shows', async () => {
    const results = await run(`flow: demo.flow
cases:
  - name: pass
    facts: { account: { freeze: none } }
    expect: { demo.flow.not-frozen: pass }
  - name: fail
    facts: { account: { freeze: arrears, email: { bound: true } } }
    expect: { demo.flow.not-frozen: fail }
`);
    const { rules, percent } = coverage(pack, ['demo.flow'], results);
    expect(rules.map((r) => [r.rule, r.reached, r.lacking])).toEqual([
      ['demo.flow.not-frozen', ['fail', 'pass'], []],
      ['demo.flow.note', ['notice'], []],
      ['demo.flow.email', ['pass', 'unknown'], ['fail']],
    ]);
    expect(percent).toBeCloseTo(66.67, 1);
  });
});
