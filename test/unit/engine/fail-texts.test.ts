import { describe, expect, it } from 'vitest';
import { coverage, loadSuites, runCase } from '../../../engine/authoring/cases.ts';
import { createEvaluator, type CompiledPack, type Facts } from '../../../engine/index.ts';
import { lines, load, posOf, rule, ruleFile } from './helpers.ts';

// `fail` as a list of texts by cause: the first whose `when` holds is shown.

const FILE = 'rules/demo/flow.yaml';

const FREEZE = ruleFile(
  rule(
    'demo.flow.not-frozen',
    `    fail:
      - when: { fact: account.freeze, operator: equal, value: arrears }
        zh-CN: 账号已因欠费冻结。请结清欠款。
        en: The account is frozen for arrears. Settle what you owe.
      - when: { fact: account.freeze, operator: in, value: [police, violation] }
        zh-CN: 账号为{account.freeze}。请联系华为云。
        en: The account is {account.freeze}. Contact Huawei Cloud.
      - zh-CN: 账号为{account.freeze}。请先解冻。
        en: The account is {account.freeze}. Have it unfrozen.
    require: { fact: account.freeze, operator: equal, value: none }
`,
  ) +
    rule(
      'demo.flow.verified',
      `    fail:
      - when: { fact: account.realName.status, operator: equal, value: pending }
        zh-CN: 请等待审核完成。
        en: Wait for the review to finish.
      - when:
          all:
            - { fact: account.realName.status, operator: equal, value: verified }
            - { fact: account.realName.type, operator: equal, value: individual }
        zh-CN: 请改为企业实名认证。
        en: Change to enterprise verification.
    require:
      all:
        - { fact: account.realName.status, operator: equal, value: verified }
        - { fact: account.realName.type, operator: equal, value: enterprise }
`,
    ),
);

const { pack } = load({ [FILE]: FREEZE });
const evaluator = createEvaluator(pack as CompiledPack);

async function result(ruleId: string, facts: Facts, lang: 'en' | 'zh-CN' = 'en') {
  const { results } = await evaluator.evaluate('demo.flow', facts, { at: '2025-06-16', lang });
  return results.find((r) => r.rule === ruleId)!;
}

describe('fail texts by cause: evaluation', () => {
  it('shows the first text whose cause holds, in the chosen language', async () => {
    const arrears = await result('demo.flow.not-frozen', { account: { freeze: 'arrears' } });
    expect(arrears.status).toBe('fail');
    expect(arrears.message).toBe('The account is frozen for arrears. Settle what you owe.');
    expect(arrears.cause?.index).toBe(0);
    expect(arrears.cause?.when).toMatchObject({ kind: 'fact', result: 'true', actual: 'arrears' });

    const police = await result('demo.flow.not-frozen', { account: { freeze: 'police' } }, 'zh-CN');
    expect(police.message).toBe('账号为已冻结（公安）。请联系华为云。');
    expect(police.cause?.index).toBe(1);
  });

  it('falls through to the text without `when` for any other cause', async () => {
    const closure = await result('demo.flow.not-frozen', { account: { freeze: 'closure' } });
    expect(closure.message).toBe('The account is Frozen (closure). Have it unfrozen.');
    expect(closure.cause).toEqual({ index: 2 });
  });

  it('never chooses a text whose cause is unknown, and shows the general message when none holds', async () => {
    // Fails on the status alone; the type is unknown, so "individual" cannot be the cause.
    const unverified = await result('demo.flow.verified', {
      account: { realName: { status: 'unverified' } },
    });
    expect(unverified.status).toBe('fail');
    expect(unverified.message).toBe('Message of demo.flow.verified');
    expect(unverified.cause).toBeUndefined();

    const individual = await result('demo.flow.verified', {
      account: { realName: { status: 'verified', type: 'individual' } },
    });
    expect(individual.message).toBe('Change to enterprise verification.');
    expect(individual.cause?.index).toBe(1);
  });

  it('shows the general message, not a fail text, on pass and unknown', async () => {
    const pass = await result('demo.flow.not-frozen', { account: { freeze: 'none' } });
    expect([pass.status, pass.message, pass.cause]).toEqual([
      'pass',
      'Message of demo.flow.not-frozen',
      undefined,
    ]);
    const unknown = await result('demo.flow.verified', {
      account: { realName: { status: 'verified' } },
    });
    expect([unknown.status, unknown.message]).toEqual(['unknown', 'Message of demo.flow.verified']);
  });

  it('a version may have its own texts by cause; versions without them use the rule’s', async () => {
    const versioned = load({
      [FILE]: ruleFile(
        rule(
          'demo.flow.dated',
          `    fail: { zh-CN: 通用。, en: For every cause. }
    versions:
      - until: '2024-11-30'
        require: { fact: account.freeze, operator: equal, value: none }
      - from: '2024-11-30'
        require: { fact: account.freeze, operator: equal, value: none }
        fail:
          - when: { fact: account.freeze, operator: equal, value: police }
            zh-CN: 公安。
            en: Police.
          - { zh-CN: 其他。, en: Other. }
`,
        ),
      ),
    });
    const dated = createEvaluator(versioned.pack!);
    const at = async (date: string, freeze: string) =>
      (await dated.evaluate('demo.flow', { account: { freeze } }, { at: date, lang: 'en' }))
        .results[0]!.message;
    expect(await at('2024-11-29', 'police')).toBe('For every cause.');
    expect(await at('2024-11-30', 'police')).toBe('Police.');
    expect(await at('2024-11-30', 'arrears')).toBe('Other.');
  });
});

describe('fail texts by cause: validation', () => {
  function refused(text: string): string[] {
    const loaded = load({ [FILE]: text });
    expect(loaded.pack).toBeUndefined();
    return lines(loaded.diagnostics);
  }
  const at = (text: string, needle: string, message: string, nth = 1) => {
    const { line, col } = posOf(text, needle, nth);
    return `${FILE}:${line}:${col}: error: ${message}`;
  };

  it('compiles one text or a list, each with its position', () => {
    const rules = pack!.flows[0]!.rules;
    expect(rules[0]!.fail!.map((f) => f.pos?.line)).toEqual(
      [
        'when: { fact: account.freeze, operator: equal, value: arrears }',
        'value: [police',
        'zh-CN: 账号为{account.freeze}。请先解冻',
      ].map((needle) => posOf(FREEZE, needle).line),
    );
  });

  it('checks the condition of each cause like any other: facts, operators and values', () => {
    const text = FREEZE.replace('value: [police, violation]', 'value: [police, frozen]').replace(
      '{ fact: account.realName.status, operator: equal, value: pending }',
      '{ fact: account.realName.state, operator: equal, value: pending }',
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'frozen]',
        '"account.freeze" in: expected one of none, closure, arrears, police, violation, other, found "frozen"',
      ),
      at(
        text,
        'account.realName.state',
        'unknown fact "account.realName.state" (did you mean "account.realName.status"?)',
      ),
    ]);
  });

  it('checks the shape of each text against the schema', () => {
    const text = FREEZE.replace(
      '        en: Wait for the review to finish.\n',
      '        en: Wait for the review to finish.\n        remedy: wait\n',
    ).replace('        zh-CN: 请改为企业实名认证。\n', '');
    expect(refused(text)).toEqual([
      at(
        text,
        'remedy',
        'unknown property "remedy" in rules[1].fail[0]; expected one of: when, zh-CN, en',
      ),
      at(text, 'when:\n          all:', 'rules[1].fail[1] is missing "zh-CN"'),
    ]);
  });

  it('refuses a text without `when` before others: they could never be shown', () => {
    const text = FREEZE.replace(
      `      - when: { fact: account.freeze, operator: equal, value: arrears }
        zh-CN: 账号已因欠费冻结。请结清欠款。`,
      `      - zh-CN: 账号已因欠费冻结。请结清欠款。`,
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'zh-CN: 账号已因欠费冻结',
        'fail text 1 of rule "demo.flow.not-frozen" has no "when", so it is shown for every cause and the 2 texts after it never: put it last',
      ),
    ]);
  });

  it('refuses a text that interpolates a fact the vocabulary does not know', () => {
    const text = FREEZE.replace('Contact Huawei Cloud.', 'Contact {account.manager}.');
    expect(refused(text)).toEqual([
      at(
        text,
        'The account is {account.freeze}. Contact',
        'message interpolates unknown fact "{account.manager}"',
      ),
    ]);
  });
});

describe('fail texts by cause: cases and coverage', () => {
  const CASES = `flow: demo.flow
at: '2025-06-16'
cases:
  - name: arrears
    facts: { account: { freeze: arrears } }
    expect:
      demo.flow.not-frozen:
        status: fail
        message: { en: Settle what you owe }
        notMessage: { en: [Contact Huawei Cloud, unfrozen], zh-CN: 联系 }
  - name: police, expecting the wrong remedy
    facts: { account: { freeze: police } }
    expect:
      demo.flow.not-frozen:
        status: fail
        notMessage: { en: Contact Huawei Cloud }
  - name: verified
    facts: { account: { freeze: none, realName: { status: verified, type: enterprise } } }
    expect:
      demo.flow.verified: pass
`;

  it('a case may say what the message must not contain, and fails when it does', async () => {
    const { suites, diagnostics } = loadSuites(
      [{ path: 'rules/demo/flow.cases.yaml', text: CASES }],
      pack!,
    );
    expect(diagnostics).toEqual([]);
    const [arrears, police] = await Promise.all(
      suites[0]!.cases.slice(0, 2).map((c) => runCase(evaluator, c)),
    );
    expect(arrears!.isOk).toBe(true);
    expect(police!.isOk).toBe(false);
    expect(police!.mismatches).toMatchObject([
      { rule: 'demo.flow.not-frozen', lang: 'en', text: 'Contact Huawei Cloud', isUnwanted: true },
    ]);
  });

  it('counts a rule covered only once every fail text chosen by cause is shown by a case that checks its message', async () => {
    const { suites } = loadSuites([{ path: 'rules/demo/flow.cases.yaml', text: CASES }], pack!);
    const results = await Promise.all(suites[0]!.cases.map((c) => runCase(evaluator, c)));
    const { rules, percent } = coverage(pack!, ['demo.flow'], results);
    const frozen = rules.find((r) => r.rule === 'demo.flow.not-frozen')!;
    expect(frozen.lacking).toEqual([]);
    // The police case shows text 2 but says only what its message must not contain.
    expect(frozen.lackingTexts.map((t) => t.number)).toEqual([2, 3]);
    expect(frozen.lackingTexts[1]).toEqual({
      number: 3,
      pos: { file: FILE, ...posOf(FREEZE, 'zh-CN: 账号为{account.freeze}。请先解冻') },
    });
    const verified = rules.find((r) => r.rule === 'demo.flow.verified')!;
    expect(verified.lacking).toEqual(['fail']);
    expect(verified.lackingTexts.map((t) => t.when)).toEqual([
      'Real-name verification is Under review',
      'all of: Real-name verification is Verified; Real-name verification type is Individual',
    ]);
    expect(percent).toBe(0);
  });
});
