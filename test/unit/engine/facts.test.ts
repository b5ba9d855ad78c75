import { describe, expect, it } from 'vitest';
import {
  checkFacts,
  formatFactValue,
  isSameEntity,
  loadVocabulary,
  normalizeEntityName,
  parseYamlFile,
  readFact,
  writeFact,
  type FactVocabulary,
} from '../../../engine/index.ts';
import { FACTS_TEXT } from './helpers.ts';

const vocabulary = loadVocabulary(parseYamlFile('rules/facts.yaml', FACTS_TEXT))
  .facts as FactVocabulary;

describe('checkFacts', () => {
  it('accepts facts that fit the vocabulary', () => {
    expect(
      checkFacts(vocabulary, {
        account: { realName: { status: 'verified', type: 'enterprise' }, email: { bound: true } },
        form: { invoice: { period: '2025-05', amount: 0, title: '' } },
        funds: { invoicedAmount: 12.5 },
      }),
    ).toEqual([]);
  });

  it('says which fact is wrong and what it expected, for each kind of type', () => {
    const problems = checkFacts(vocabulary, {
      account: { freeze: 'frozen', email: { bound: 'true' }, name: 42 },
      form: { invoice: { period: '2025-13', amount: Number.NaN, contractEntities: Infinity } },
    });
    expect(problems.map((p) => [p.fact, p.severity, p.message])).toEqual([
      [
        'account.freeze',
        'error',
        'fact "account.freeze": expected one of none, closure, arrears, police, violation, other, found "frozen"',
      ],
      [
        'account.email.bound',
        'error',
        'fact "account.email.bound": expected true or false, found "true"',
      ],
      ['account.name', 'error', 'fact "account.name": expected a string, found 42'],
      [
        'form.invoice.period',
        'error',
        'fact "form.invoice.period": expected a month YYYY-MM, found "2025-13"',
      ],
      ['form.invoice.amount', 'error', 'fact "form.invoice.amount": expected a number, found NaN'],
      [
        'form.invoice.contractEntities',
        'error',
        'fact "form.invoice.contractEntities": expected a number, found Infinity',
      ],
    ]);
    expect(problems[0]!.path).toEqual(['account', 'freeze']);
  });

  it('a group given as a value, or a non-object, is an error; an unknown name a warning', () => {
    expect(checkFacts(vocabulary, { account: 'verified' }).map((p) => p.message)).toEqual([
      '"account" groups other facts: expected an object, found "verified"',
    ]);
    expect(checkFacts(vocabulary, [1, 2]).map((p) => p.message)).toEqual([
      'expected an object of facts, found a list',
    ]);
    expect(checkFacts(vocabulary, { acount: {} }).map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'unknown fact "acount"; it is ignored'],
    ]);
  });

  it('null means not known, never a wrong value', () => {
    expect(checkFacts(vocabulary, { account: { freeze: null, realName: null } })).toEqual([]);
  });
});

describe('reading and writing dotted facts', () => {
  it('reads a path, and anything missing or null on the way as undefined', () => {
    const facts = { account: { realName: { status: 'verified' }, email: null, name: 'x' } };
    expect(readFact(facts, 'account.realName.status')).toBe('verified');
    expect(readFact(facts, 'account.email.bound')).toBeUndefined();
    expect(readFact(facts, 'account.name.first')).toBeUndefined();
    expect(readFact({ account: [1] }, 'account.0')).toBeUndefined();
  });

  it('writes a path, replacing non-objects on the way', () => {
    const facts: Record<string, unknown> = { account: 'x' };
    writeFact(facts, 'account.realName.status', 'verified');
    expect(facts).toEqual({ account: { realName: { status: 'verified' } } });
  });

  it('reads flat dotted keys, and a mix of flat and nested, as the same facts', () => {
    expect(readFact({ 'account.freeze': 'arrears' }, 'account.freeze')).toBe('arrears');
    expect(
      readFact({ 'account.realName': { status: 'verified' } }, 'account.realName.status'),
    ).toBe('verified');
    expect(
      readFact({ account: { 'realName.status': 'verified' } }, 'account.realName.status'),
    ).toBe('verified');
    // A null on one path does not hide the value on another.
    expect(
      readFact({ account: { freeze: null }, 'account.freeze': 'none' }, 'account.freeze'),
    ).toBe('none');
  });

  it('reads own keys only: Object.prototype names are never facts', () => {
    expect(readFact({}, 'constructor')).toBeUndefined();
    expect(readFact({ account: {} }, 'account.toString')).toBeUndefined();
    expect(readFact({}, '__proto__.constructor')).toBeUndefined();
  });

  it('writes __proto__ and constructor as plain keys, polluting nothing', () => {
    const facts: Record<string, unknown> = {};
    writeFact(facts, '__proto__.polluted', 'yes');
    writeFact(facts, 'constructor.prototype.polluted', 'yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(facts)).toBe(Object.prototype);
    expect(readFact(facts, '__proto__.polluted')).toBe('yes');
    expect(Object.keys(facts)).toEqual(['__proto__', 'constructor']);
  });
});

describe('checking facts: dotted names and Object.prototype names', () => {
  it('a flat dotted name is checked as the nested one is; given twice, it is an error', () => {
    expect(checkFacts(vocabulary, { 'account.freeze': 'none' })).toEqual([]);
    expect(checkFacts(vocabulary, { 'account.freeze': 'frozen' }).map((p) => p.fact)).toEqual([
      'account.freeze',
    ]);
    const twice = checkFacts(vocabulary, { account: { freeze: 'none' }, 'account.freeze': 'none' });
    expect(twice.map((p) => [p.severity, p.path, p.message])).toEqual([
      [
        'error',
        ['account.freeze'],
        'fact "account.freeze" is given twice, as {"account": {"freeze"}} and as {"account.freeze"}; give it once',
      ],
    ]);
  });

  it('constructor, toString and __proto__ are unknown facts, wherever they are', () => {
    const value = JSON.parse(
      '{"constructor": 1, "toString": 1, "__proto__": 1, "account": {"valueOf": 1}}',
    ) as unknown;
    expect(checkFacts(vocabulary, value).map((p) => [p.severity, p.fact])).toEqual([
      ['warning', 'constructor'],
      ['warning', 'toString'],
      ['warning', '__proto__'],
      ['warning', 'account.valueOf'],
    ]);
  });
});

describe('same entity', () => {
  it('normalizes NFKC, trims, collapses white space and lower-cases Latin letters', () => {
    expect(normalizeEntityName('  ＨＵＡＷＥＩ（中国）\u3000 有限公司 ')).toBe(
      'huawei(中国) 有限公司',
    );
    expect(isSameEntity('华为（中国）有限公司', '华为(中国)有限公司 ')).toBe(true);
    expect(isSameEntity('华为（中国）有限公司', '华为（深圳）有限公司')).toBe(false);
    expect(isSameEntity('华为 中国', '华为中国')).toBe(false);
  });
});

describe('yes/no facts in the console’s words', () => {
  const vocabularyOf = (text: string) => loadVocabulary(parseYamlFile('facts.yaml', text));

  it('show true and false as the console labels them, where the vocabulary gives the labels', () => {
    const email = vocabulary['account.email.bound'];
    expect(formatFactValue(email, false, 'en')).toBe('Not bound');
    expect(formatFactValue(email, true, 'zh-CN')).toBe('已绑定');
    const bare = {
      name: 'x.flag',
      type: 'boolean' as const,
      description: { 'zh-CN': 'x', en: 'x' },
    };
    expect(formatFactValue(bare, true, 'en')).toBe('yes');
  });

  it('a yes/no fact labels both true and false, and nothing else; other types label no values', () => {
    const yesNo = (values: string) =>
      `facts:\n  x.flag:\n    type: boolean\n    description: { zh-CN: x, en: x }\n    values:\n${values}`;
    const label = '{ zh-CN: x, en: x }';
    expect(
      vocabularyOf(yesNo(`      true: ${label}\n      false: ${label}\n`)).diagnostics,
    ).toEqual([]);
    const messages = (text: string) => vocabularyOf(text).diagnostics.map((d) => d.message);
    expect(messages(yesNo(`      true: ${label}\n`)).join('\n')).toMatch(/missing "false"/);
    expect(
      messages(yesNo(`      true: ${label}\n      false: ${label}\n      maybe: ${label}\n`)).join(
        '\n',
      ),
    ).toMatch(/maybe/);
    expect(
      messages(
        `facts:\n  x.name:\n    type: string\n    description: ${label}\n    values:\n      a: ${label}\n`,
      ),
    ).not.toEqual([]);
  });
});
