import { Engine } from 'json-rules-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  summarizeEligibility,
  UnknownFlowError,
  type Facts,
  type RuleResult,
} from '../../../engine/index.ts';
import { evaluatorFor, rule, ruleFile } from './helpers.ts';

const AT = '2025-06-16';

const logic = evaluatorFor({
  'rules/demo/flow.yaml': ruleFile(
    rule(
      'demo.flow.all',
      `    require:
      all:
        - { fact: account.realName.status, operator: equal, value: verified }
        - { fact: account.realName.type, operator: equal, value: enterprise }
`,
    ) +
      rule(
        'demo.flow.any',
        `    require:
      any:
        - { fact: account.email.bound, operator: equal, value: true }
        - { fact: partner.hcpn.status, operator: equal, value: joined }
`,
      ) +
      rule(
        'demo.flow.not',
        `    require:
      not: { fact: account.freeze, operator: in, value: [police, violation] }
`,
      ) +
      rule(
        'demo.flow.when',
        `    when: { fact: form.invoice.type, operator: equal, value: vat-special }
    require: { fact: form.invoice.titleType, operator: equal, value: enterprise }
`,
      ) +
      rule('demo.flow.notice', '', 'info') +
      rule(
        'demo.flow.when-notice',
        `    when: { fact: form.invoice.medium, operator: equal, value: paper }
`,
        'warn',
      ),
  ),
});

async function run(facts: Facts, lang: 'en' | 'zh-CN' = 'en') {
  const { results } = await logic.evaluate('demo.flow', facts, { at: AT, lang });
  return Object.fromEntries(results.map((r) => [r.rule.replace('demo.flow.', ''), r]));
}

describe('three-valued (Kleene) logic', () => {
  it('all: fails as soon as one known part fails, even if another is missing', async () => {
    const r = await run({ account: { realName: { status: 'unverified' } } });
    expect(r.all!.status).toBe('fail');
    expect(r.all!.missing).toEqual([]);
    expect(r.all!.reason).toBe(
      'Not met. Expected: Real-name verification is Verified (found: Not verified).',
    );
  });

  it('all: is unknown when the known parts hold and one is missing, and names it', async () => {
    const r = await run({ account: { realName: { status: 'verified' } } });
    expect(r.all!.status).toBe('unknown');
    expect(r.all!.missing).toEqual(['account.realName.type']);
    expect(r.all!.reason).toBe('Cannot be decided yet: missing Real-name verification type.');
  });

  it('all: passes only when every part holds', async () => {
    const r = await run({ account: { realName: { status: 'verified', type: 'enterprise' } } });
    expect(r.all!.status).toBe('pass');
  });

  it('any: passes as soon as one known part passes, even if another is missing', async () => {
    const r = await run({ account: { email: { bound: true } } });
    expect(r.any!.status).toBe('pass');
    expect(r.any!.reason).toBe('Met: Email is Bound (found: Bound).');
  });

  it('any: is unknown when the known parts fail and one is missing', async () => {
    const r = await run({ account: { email: { bound: false } } });
    expect(r.any!.status).toBe('unknown');
    expect(r.any!.missing).toEqual(['partner.hcpn.status']);
  });

  it('any: fails when every part is known and false, and offers each alternative', async () => {
    const r = await run({
      account: { email: { bound: false } },
      partner: { hcpn: { status: 'none' } },
    });
    expect(r.any!.status).toBe('fail');
    expect(r.any!.reason).toBe(
      'Not met. Expected: Email is Bound (found: Not bound), or Partner status is Joined (found: Not a partner).',
    );
  });

  it('not: keeps unknown unknown and flips known results', async () => {
    expect((await run({})).not!.status).toBe('unknown');
    expect((await run({})).not!.missing).toEqual(['account.freeze']);
    expect((await run({ account: { freeze: 'police' } })).not!.status).toBe('fail');
    expect((await run({ account: { freeze: 'arrears' } })).not!.status).toBe('pass');
  });

  it('treats null like an absent fact, never as false', async () => {
    const r = await run({ account: { email: { bound: null }, realName: null } });
    expect(r.any!.status).toBe('unknown');
    expect(r.all!.status).toBe('unknown');
    expect(r.all!.missing).toEqual(['account.realName.status', 'account.realName.type']);
  });
});

describe('facts that are not readings', () => {
  it('null or missing facts evaluate as all unknown, without an error', async () => {
    for (const facts of [null, undefined, 'account', 42]) {
      const { results } = await logic.evaluate('demo.flow', facts as unknown as Facts, { at: AT });
      expect(results.map((r) => r.status)).toEqual([
        'unknown',
        'unknown',
        'unknown',
        'unknown',
        'notice',
        'unknown',
      ]);
    }
  });

  it('a list or an object where a value belongs leaves the fact unknown, never a crash', async () => {
    const r = await run({
      account: { realName: { status: { toString: 0 }, type: ['enterprise'] }, freeze: {} },
      form: { invoice: { type: { valueOf: 1 } } },
    });
    expect([r.all!.status, r.all!.missing]).toEqual([
      'unknown',
      ['account.realName.status', 'account.realName.type'],
    ]);
    expect(r.not!.status).toBe('unknown');
    expect(r.when!.status).toBe('unknown');
    expect(r.all!.require).toMatchObject({
      children: [{ actual: undefined }, { actual: undefined }],
    });
  });
});

describe('when', () => {
  it('a false `when` skips the rule, whatever its requirement would say', async () => {
    const r = await run({ form: { invoice: { type: 'vat-general' } } });
    expect(r.when!.status).toBe('skip');
    expect(r.when!.missing).toEqual([]);
    expect(r.when!.reason).toBe(
      'Does not apply: Invoice type is VAT special invoice (found: VAT general invoice).',
    );
  });

  it('an unknown `when` makes the rule unknown and names the missing fact', async () => {
    const r = await run({ form: { invoice: { titleType: 'enterprise' } } });
    expect(r.when!.status).toBe('unknown');
    expect(r.when!.missing).toEqual(['form.invoice.type']);
  });

  it('a true `when` hands over to the requirement', async () => {
    expect(
      (await run({ form: { invoice: { type: 'vat-special', titleType: 'individual' } } })).when!
        .status,
    ).toBe('fail');
    expect((await run({ form: { invoice: { type: 'vat-special' } } })).when!.missing).toEqual([
      'form.invoice.titleType',
    ]);
  });
});

describe('notices', () => {
  it('a rule without a requirement is a notice, with no facts at all', async () => {
    const r = await run({});
    expect(r.notice!.status).toBe('notice');
    expect(r.notice!.severity).toBe('info');
    expect(r.notice!.reason).toBe('For your information.');
    expect((await run({}, 'zh-CN')).notice!.reason).toBe('提示信息。');
  });

  it('a notice with a `when` shows only when it applies', async () => {
    const paper = await run({ form: { invoice: { medium: 'paper' } } });
    expect(paper['when-notice']!.status).toBe('notice');
    expect(paper['when-notice']!.reason).toBe('Applies: Invoice medium is Paper (found: Paper).');
    expect((await run({ form: { invoice: { medium: 'digital' } } }))['when-notice']!.status).toBe(
      'skip',
    );
    expect((await run({}))['when-notice']!.status).toBe('unknown');
  });
});

describe('results', () => {
  it('come one per rule, in checklist order, with severity, title and source', async () => {
    const { flow, at, lang, results } = await logic.evaluate(
      'demo.flow',
      {},
      { at: AT, lang: 'en' },
    );
    expect({ flow, at, lang }).toEqual({ flow: 'demo.flow', at: AT, lang: 'en' });
    expect(results.map((r) => r.rule)).toEqual([
      'demo.flow.all',
      'demo.flow.any',
      'demo.flow.not',
      'demo.flow.when',
      'demo.flow.notice',
      'demo.flow.when-notice',
    ]);
    expect(results.map((r) => r.severity)).toEqual([
      'block',
      'block',
      'block',
      'block',
      'info',
      'warn',
    ]);
    expect(results[0]!.title).toBe('Title of demo.flow.all');
    expect(results[0]!.source).toEqual(['seed L1']);
  });

  it('default to Chinese and to today in China', async () => {
    // 23:30 on 30 November in Shanghai, 15:30 UTC: whatever this computer's zone says.
    vi.useFakeTimers({ now: new Date('2024-11-30T15:30:00Z'), toFake: ['Date'] });
    try {
      const result = await logic.evaluate('demo.flow', {});
      expect(result.lang).toBe('zh-CN');
      expect(result.results[0]!.title).toBe('标题');
      expect(result.at).toBe('2024-11-30');
      vi.setSystemTime(new Date('2024-11-30T16:00:00Z'));
      expect((await logic.evaluate('demo.flow', {})).at).toBe('2024-12-01');
    } finally {
      vi.useRealTimers();
    }
  });

  it('an unknown flow is an error that lists the flows there are', async () => {
    const error = await logic.evaluate('demo.flwo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownFlowError);
    expect((error as UnknownFlowError).known).toEqual(['demo.flow']);
    expect((error as Error).message).toBe('unknown flow "demo.flwo"; known flows: demo.flow');
  });
});

describe('the explanation tree', () => {
  it('shows each leaf with fact, operator, expected, actual and result, and the Kleene result of the whole', async () => {
    const r = await run({ account: { realName: { status: 'verified', type: 'individual' } } });
    expect(r.all!.require).toEqual({
      kind: 'all',
      result: 'false',
      children: [
        {
          kind: 'fact',
          result: 'true',
          fact: 'account.realName.status',
          operator: 'equal',
          expected: 'verified',
          actual: 'verified',
        },
        {
          kind: 'fact',
          result: 'false',
          fact: 'account.realName.type',
          operator: 'equal',
          expected: 'enterprise',
          actual: 'individual',
        },
      ],
    });
  });

  it('marks a missing fact unknown, with no actual value, under not', async () => {
    const r = await run({});
    expect(r.not!.require).toEqual({
      kind: 'not',
      result: 'unknown',
      child: {
        kind: 'fact',
        result: 'unknown',
        fact: 'account.freeze',
        operator: 'in',
        expected: ['police', 'violation'],
        actual: undefined,
      },
    });
  });

  it('explains `when` and `require` separately', async () => {
    const r = await run({ form: { invoice: { type: 'vat-special', titleType: 'enterprise' } } });
    expect(r.when!.when).toMatchObject({ kind: 'fact', result: 'true', actual: 'vat-special' });
    expect(r.when!.require).toMatchObject({ kind: 'fact', result: 'true', actual: 'enterprise' });
    expect(r.notice!.when).toBeUndefined();
    expect(r.notice!.require).toBeUndefined();
  });
});

describe('effective dates', () => {
  const dated = evaluatorFor({
    'rules/demo/flow.yaml': ruleFile(
      rule(
        'demo.flow.window',
        `    from: '2024-04-15'
    until: '2024-11-30'
    require: { fact: account.email.bound, operator: equal, value: true }
`,
      ) +
        rule(
          'demo.flow.versioned',
          `    versions:
      - until: '2024-04-15'
        message: { zh-CN: 第一版, en: First version }
        require: { fact: form.invoice.medium, operator: equal, value: paper }
      - from: '2024-04-15'
        until: '2024-11-30'
        message: { zh-CN: 第二版, en: Second version }
        source: https://example.com/second
        require: { fact: form.invoice.medium, operator: in, value: [paper, digital] }
      - from: '2024-11-30'
        message: { zh-CN: 第三版, en: Third version }
        require: { fact: form.invoice.medium, operator: equal, value: digital }
`,
        ),
    ),
  });
  const at = async (date: string, facts: Facts = {}) => {
    const { results } = await dated.evaluate('demo.flow', facts, { at: date, lang: 'en' });
    return { window: results[0]!, versioned: results[1]! };
  };

  it('`from` is inclusive and `until` exclusive', async () => {
    const facts = { account: { email: { bound: true } } };
    expect((await at('2024-04-14', facts)).window.status).toBe('skip');
    expect((await at('2024-04-15', facts)).window.status).toBe('pass');
    expect((await at('2024-11-29', facts)).window.status).toBe('pass');
    expect((await at('2024-11-30', facts)).window.status).toBe('skip');
  });

  it('a rule out of effect says when it applies', async () => {
    const { window } = await at('2024-04-14');
    expect(window.reason).toBe(
      'Not in effect on 2024-04-14; applies from 2024-04-15; applies until 2024-11-30.',
    );
    expect(window.effective).toEqual({ from: '2024-04-15', until: '2024-11-30' });
    expect(window.missing).toEqual([]);
  });

  it('picks the version in effect, with its own message, requirement and source', async () => {
    const digital = { form: { invoice: { medium: 'digital' } } };
    const first = (await at('2024-04-14', digital)).versioned;
    expect([first.status, first.message, first.effective]).toEqual([
      'fail',
      'First version',
      { until: '2024-04-15' },
    ]);
    const second = (await at('2024-04-15', digital)).versioned;
    expect([second.status, second.message, second.source]).toEqual([
      'pass',
      'Second version',
      ['https://example.com/second'],
    ]);
    expect((await at('2024-11-29', digital)).versioned.message).toBe('Second version');
    const third = (await at('2024-11-30', { form: { invoice: { medium: 'paper' } } })).versioned;
    expect([third.status, third.message, third.effective]).toEqual([
      'fail',
      'Third version',
      { from: '2024-11-30' },
    ]);
  });
});

describe('same-entity comparison', () => {
  const entity = evaluatorFor({
    'rules/demo/flow.yaml': ruleFile(
      rule(
        'demo.flow.same',
        `    require:
      fact: form.withdraw.holderName
      operator: sameEntity
      value: { fact: account.realName.entityName }
`,
      ) +
        rule(
          'demo.flow.other',
          `    require:
      fact: form.invoice.title
      operator: notSameEntity
      value: { fact: account.realName.entityName }
`,
        ),
    ),
  });
  const compare = async (holder: string | undefined, entityName: string | undefined) => {
    const { results } = await entity.evaluate(
      'demo.flow',
      {
        account: { realName: { entityName } },
        form: { withdraw: { holderName: holder }, invoice: { title: holder } },
      },
      { at: AT, lang: 'en' },
    );
    return results;
  };

  it.each([
    ['华为（中国）有限公司', '华为(中国)有限公司 '],
    ['  Huawei Cloud   Computing ', 'huawei cloud computing'],
    ['ＨＵＡＷＥＩ　Ｃｏ．', 'Huawei Co.'],
    ['华为\t云\n计算', '华为 云 计算'],
  ])('"%s" is the same entity as "%s"', async (a, b) => {
    const [same, other] = await compare(a, b);
    expect(same!.status).toBe('pass');
    expect(other!.status).toBe('fail');
  });

  it.each([
    ['华为（中国）有限公司', '华为（上海）有限公司'],
    ['华为云计算技术有限公司', '华为云计算技术有限公司分公司'],
    ['Huawei Cloud', 'HuaweiCloud'],
  ])('"%s" is another entity than "%s"', async (a, b) => {
    const [same, other] = await compare(a, b);
    expect(same!.status).toBe('fail');
    expect(other!.status).toBe('pass');
  });

  it('is unknown when either name is missing, and names the missing one', async () => {
    const [noHolder] = await compare(undefined, '华为');
    expect([noHolder!.status, noHolder!.missing]).toEqual([
      'unknown',
      ['form.withdraw.holderName'],
    ]);
    const [noEntity] = await compare('华为', undefined);
    expect([noEntity!.status, noEntity!.missing]).toEqual([
      'unknown',
      ['account.realName.entityName'],
    ]);
  });

  it('explains a comparison with another fact by naming that fact and its value', async () => {
    const [same] = await compare('华为（上海）有限公司', '华为（中国）有限公司');
    expect(same!.require).toEqual({
      kind: 'fact',
      result: 'false',
      fact: 'form.withdraw.holderName',
      operator: 'sameEntity',
      expected: '华为（中国）有限公司',
      expectedFact: 'account.realName.entityName',
      actual: '华为（上海）有限公司',
    });
    expect(same!.reason).toBe(
      'Not met. Expected: Account holder name names the same entity as Verified entity "华为（中国）有限公司" (found: 华为（上海）有限公司).',
    );
  });
});

describe('month and day operators', () => {
  const period = evaluatorFor({
    'rules/demo/flow.yaml': ruleFile(
      rule(
        'demo.flow.after-3rd',
        `    when: { fact: form.invoice.period, operator: monthBefore, value: { fact: context.date } }
    require: { fact: context.date, operator: dayOfMonthAfter, value: 3 }
`,
      ),
    ),
  });
  const status = async (at: string, month?: string) =>
    (await period.evaluate('demo.flow', { form: { invoice: { period: month } } }, { at }))
      .results[0]!.status;

  it('monthBefore matches only the month before the date, across a year end', async () => {
    expect(await status('2025-01-10', '2024-12')).toBe('pass');
    expect(await status('2025-01-10', '2024-11')).toBe('skip');
    expect(await status('2025-01-10', '2025-01')).toBe('skip');
    expect(await status('2025-03-10', '2025-02')).toBe('pass');
    expect(await status('2025-03-10', undefined)).toBe('unknown');
  });

  it('dayOfMonthAfter 3 fails up to the 3rd and passes from the 4th', async () => {
    expect(await status('2025-01-01', '2024-12')).toBe('fail');
    expect(await status('2025-01-03', '2024-12')).toBe('fail');
    expect(await status('2025-01-04', '2024-12')).toBe('pass');
    expect(await status('2025-01-31', '2024-12')).toBe('pass');
  });
});

describe('message interpolation', () => {
  const messages = evaluatorFor({
    'rules/demo/flow.yaml': ruleFile(
      rule(
        'demo.flow.freeze',
        `    fail:
      zh-CN: 账号当前为{account.freeze}，邮箱{account.email.bound}，金额{form.invoice.amount}，账期{form.invoice.period}，{form.invoice.contractEntities}个主体。
      en: 'The account is {account.freeze}; email: {account.email.bound}; amount {form.invoice.amount}; period {form.invoice.period}; {form.invoice.contractEntities} entities.'
    require: { fact: account.freeze, operator: equal, value: none }
`,
      ) +
        `  - id: demo.flow.medium
    severity: info
    source: seed L1
    title: { zh-CN: 介质, en: Medium }
    message:
      zh-CN: 介质：{form.invoice.medium}
      en: 'Medium: {form.invoice.medium}'
`,
    ),
  });
  const say = async (facts: Facts, lang: 'en' | 'zh-CN') =>
    (await messages.evaluate('demo.flow', facts, { at: AT, lang })).results.map((r) => r.message);

  it('fills in enum labels, booleans, amounts, months and numbers as the language writes them', async () => {
    const facts = {
      account: { freeze: 'arrears', email: { bound: false } },
      form: {
        invoice: { amount: 5000, medium: 'digital', period: '2025-05', contractEntities: 12000 },
      },
    };
    // Amounts read as the console shows money, in both languages.
    expect(await say(facts, 'en')).toEqual([
      'The account is Frozen (arrears); email: Not bound; amount ¥5,000.00; period May 2025; 12,000 entities.',
      'Medium: Fully digital',
    ]);
    expect(await say(facts, 'zh-CN')).toEqual([
      '账号当前为已冻结（欠费），邮箱未绑定，金额¥5,000.00，账期2025年5月，12,000个主体。',
      '介质：数电发票',
    ]);
  });

  it('shows a value that is not a reading as written, rather than failing', async () => {
    expect((await say({ form: { invoice: { medium: { toString: 0 } } } }, 'en'))[1]).toBe(
      'Medium: {"toString":0}',
    );
  });

  it('shows a missing fact as unknown rather than a blank or "undefined"', async () => {
    expect((await say({}, 'en'))[1]).toBe('Medium: unknown');
    expect((await say({}, 'zh-CN'))[1]).toBe('介质：未知');
  });

  it('uses the plain message, not the fail text, when the rule passes', async () => {
    expect((await say({ account: { freeze: 'none' } }, 'en'))[0]).toBe(
      'Message of demo.flow.freeze',
    );
  });
});

describe('one engine per flow', () => {
  afterEach(() => vi.restoreAllMocks());

  it('builds a flow once and gives the same results however often it runs', async () => {
    const addRule = vi.spyOn(Engine.prototype, 'addRule');
    const fresh = evaluatorFor({
      'rules/demo/flow.yaml': ruleFile(
        rule(
          'demo.flow.a',
          '    require: { fact: account.freeze, operator: equal, value: none }\n',
        ),
      ),
    });
    const facts = { account: { freeze: 'closure' } };
    const first = await fresh.evaluate('demo.flow', facts, { at: AT });
    expect(addRule).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      expect(await fresh.evaluate('demo.flow', facts, { at: AT })).toEqual(first);
    }
    expect(addRule).toHaveBeenCalledTimes(1);
  });

  it('gives each of many overlapping evaluations of one flow its own, right results', async () => {
    const cases: { facts: Facts; status: string }[] = [
      { facts: { account: { freeze: 'none' } }, status: 'pass' },
      { facts: { account: { freeze: 'police' } }, status: 'fail' },
      { facts: {}, status: 'unknown' },
    ];
    const started = Array.from({ length: 60 }, async (_, i) => {
      // Stagger the starts so that some begin while others are finishing.
      for (let k = 0; k < i; k++) await Promise.resolve();
      const c = cases[i % cases.length]!;
      const result = await logic.evaluate('demo.flow', c.facts, { at: AT });
      return [result.results.find((r) => r.rule === 'demo.flow.not')!.status, c.status];
    });
    for (const [actual, expected] of await Promise.all(started)) expect(actual).toBe(expected);
  });
});

describe('summarizeEligibility', () => {
  const result = (
    rule: string,
    severity: RuleResult['severity'],
    status: RuleResult['status'],
    missing: string[] = [],
  ) => ({ rule, severity, status, missing }) as RuleResult;

  it('is fail when a block rule fails, even if others are unknown', () => {
    expect(
      summarizeEligibility([
        result('a', 'block', 'unknown', ['account.freeze']),
        result('b', 'block', 'fail'),
        result('c', 'warn', 'pass'),
      ]),
    ).toEqual({ status: 'fail', failing: ['b'], missing: ['account.freeze'] });
  });

  it('is unknown when no block rule fails but one is unknown; warnings do not count', () => {
    expect(
      summarizeEligibility([
        result('a', 'block', 'unknown', ['account.freeze', 'partner.hcpn.status']),
        result('b', 'block', 'unknown', ['account.freeze']),
        result('c', 'warn', 'fail'),
        result('d', 'info', 'unknown', ['form.termsAccepted']),
      ]),
    ).toEqual({
      status: 'unknown',
      failing: [],
      missing: ['account.freeze', 'partner.hcpn.status'],
    });
  });

  it('is pass when every block rule passes or is skipped', () => {
    expect(
      summarizeEligibility([
        result('a', 'block', 'pass'),
        result('b', 'block', 'skip'),
        result('c', 'warn', 'fail'),
        result('d', 'info', 'notice'),
      ]),
    ).toEqual({ status: 'pass', failing: [], missing: [] });
  });
});
