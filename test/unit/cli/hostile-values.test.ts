import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, DEMO_CASES, DEMO_RULES, removeTempDirs, tempDir } from './helpers.ts';

// Values and names from the input: echoed only as short excerpts, never confused with what
// every JavaScript object inherits, dotted or nested alike, and dates as they are written.

afterAll(removeTempDirs);

const FIVE_MB = 5 * 1024 * 1024;

let pack: string;
beforeAll(() => {
  pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
});

function factsFile(name: string, text: string): string {
  return join(tempDir({ [name]: text }, false), name);
}

const evalDemo = (facts: string, ...more: string[]) =>
  cli(
    'eval',
    '--rules',
    pack,
    '--flow',
    'demo.flow',
    '--at',
    '2025-01-01',
    '--lang',
    'en',
    '--facts',
    facts,
    ...more,
  );

const statuses = async (facts: string) => {
  const run = await evalDemo(facts, '--format', 'json');
  expect(run.code).toBe(0);
  return (JSON.parse(run.out) as { results: { rule: string; status: string }[] }).results.map(
    (r) => r.status,
  );
};

describe(
  'errors echo at most an 80-character excerpt of a wrong value',
  { timeout: 60_000 },
  () => {
    const huge = 'A'.repeat(FIVE_MB);
    const cut = `"${'A'.repeat(80)}"… (cut: 80 of ${FIVE_MB} characters shown)`;

    it('a 5 MB value in a rule file', async () => {
      const rules = tempDir({
        'demo/flow.yaml': DEMO_RULES.replace('severity: warn', `severity: ${huge}`),
      });
      const run = await cli('validate', rules);
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        `rules[1].severity: expected one of block, warn, info, found ${cut}`,
      );
      expect(run.out.length + run.err.length).toBeLessThan(1000);
    });

    it('a 5 MB value, and a 5 MB name, in a facts file', async () => {
      const value = await evalDemo(
        factsFile('v.json', JSON.stringify({ account: { freeze: huge } })),
      );
      expect(value.code).toBe(1);
      expect(value.err).toContain(`found ${cut}`);
      expect(value.err.length).toBeLessThan(1000);

      const name = await evalDemo(factsFile('n.json', JSON.stringify({ [huge]: 1 })));
      expect(name.code).toBe(0);
      expect(name.err).toMatch(
        /n\.json:1:2: warning: unknown fact "A{80}"… \(cut: 80 of 5242880 characters shown\); it is ignored\n$/,
      );
    });

    it('a 5 MB unknown property and rule id in a case file', async () => {
      const rules = tempDir({
        'demo/flow.yaml': DEMO_RULES,
        // Explicit keys (`? key`): YAML allows implicit keys of at most 1024 characters.
        'demo/flow.cases.yaml': DEMO_CASES.replace(
          'demo.flow.email: pass',
          `? demo.flow.${'a'.repeat(FIVE_MB)}\n      : pass`,
        ).replace(
          '  - name: an unfrozen',
          `  - ? ${'b'.repeat(FIVE_MB)}\n    : 1\n    name: an unfrozen`,
        ),
      });
      const run = await cli('validate', rules);
      expect(run.code).toBe(1);
      expect(run.out.length + run.err.length).toBeLessThan(2000);
      expect(run.out).toContain(`(cut: 80 of ${FIVE_MB} characters shown)`);
    });

    it('control characters in a value or a file name are escaped: one line, no terminal codes', async () => {
      const run = await evalDemo(
        factsFile(
          'odd\nname\u001b[2J.json',
          '{"account": {"freeze": "\\u001b[2J\\u009b31m\\u202e"}}',
        ),
      );
      expect(run.code).toBe(1);
      expect(run.err.split('\n')).toEqual([
        expect.stringMatching(
          /odd\\u000aname\\u001b\[2J\.json:1:24: error: fact "account\.freeze": expected one of none, closure, arrears, police, violation, other, found "\\u001b\[2J\\u009b31m\\u202e"$/,
        ),
        '',
      ]);
    });
  },
);

describe('flat dotted names are the same facts as nested ones', { timeout: 60_000 }, () => {
  it('{"account.freeze": "arrears"} fails the freeze rule as the nested form does', async () => {
    const nested = await statuses(factsFile('a.json', '{"account": {"freeze": "arrears"}}'));
    const flat = await statuses(factsFile('b.json', '{"account.freeze": "arrears"}'));
    expect(flat).toEqual(['fail', 'unknown', 'notice']);
    expect(flat).toEqual(nested);
    const mixed = await statuses(
      factsFile('c.json', '{"account.email": {"bound": true}, "account": {"freeze": "none"}}'),
    );
    expect(mixed).toEqual(['pass', 'pass', 'notice']);
  });

  it('the message reads the dotted fact too', async () => {
    const run = await evalDemo(factsFile('d.yaml', '"account.freeze": police\n'));
    expect(run.out).toContain('The account is Frozen (police)');
  });

  it('a wrong value in a dotted name is an error at it; a fact given twice is an error', async () => {
    const wrong = await evalDemo(factsFile('e.json', '{"account.freeze": "frozen"}'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/e\.json:1:20: error: fact "account\.freeze": expected one of none/);
    const twice = await evalDemo(
      factsFile('f.json', '{"account": {"freeze": "none"},\n "account.freeze": "arrears"}'),
    );
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(
      /f\.json:2:2: error: fact "account\.freeze" is given twice, as \{"account": \{"freeze"\}\} and as \{"account\.freeze"\}; give it once\n$/,
    );
  });

  it('an unknown dotted name is a warning by its whole name', async () => {
    const run = await evalDemo(factsFile('g.json', '{"account.frozen": true}'));
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /g\.json:1:2: warning: unknown fact "account\.frozen" \(did you mean "account\.freeze"\?\); it is ignored\n$/,
    );
  });

  it('case files accept dotted names as well', async () => {
    const rules = tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'demo/flow.cases.yaml': DEMO_CASES.replace(
        'facts: { account: { freeze: arrears, email: { bound: true } } }',
        "facts: { 'account.freeze': arrears, 'account.email.bound': true }",
      ),
    });
    const run = await cli('test', rules);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('names from the input never reach Object.prototype', { timeout: 60_000 }, () => {
  it('a message naming {constructor}, a fact or an operator named after Object members, is an error', async () => {
    const rules = tempDir({
      'demo/flow.yaml': DEMO_RULES.replace(
        'en: The account is {account.freeze}.',
        'en: The account is {constructor}.',
      )
        .replace(
          'require: { fact: account.email.bound, operator: equal, value: true }',
          'require: { fact: toString, operator: valueOf, value: true }',
        )
        .replace(
          'require: { fact: account.freeze, operator: equal, value: none }',
          'require: { fact: account.freeze, operator: hasOwnProperty, value: { fact: constructor } }',
        ),
    });
    const run = await cli('validate', rules);
    expect(run.code).toBe(1);
    expect(run.err).not.toMatch(/^\s+at /m);
    expect(run.out.split('\n').map((l) => l.replace(/^.*?flow\.yaml:/, ''))).toEqual([
      '12:11: error: message interpolates unknown fact "{constructor}"',
      '13:48: error: unknown operator "hasOwnProperty"; expected one of: equal, notEqual, in, notIn, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, sameEntity, notSameEntity, monthBefore, dayOfMonthAfter',
      '19:22: error: unknown fact "toString"',
      '19:42: error: unknown operator "valueOf"; expected one of: equal, notEqual, in, notIn, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, sameEntity, notSameEntity, monthBefore, dayOfMonthAfter',
      '',
    ]);
  });

  it('top-level __proto__, constructor and toString in facts are unknown facts, and pollute nothing', async () => {
    const run = await evalDemo(
      factsFile(
        'p.json',
        '{"__proto__": {"polluted": 1}, "constructor": {"name": 1}, "toString": 1, "account": {"hasOwnProperty": 1, "freeze": "none"}}',
      ),
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(run.err.split('\n')).toEqual([
      expect.stringMatching(/p\.json:1:2: warning: unknown fact "__proto__"; it is ignored$/),
      expect.stringMatching(/p\.json:1:32: warning: unknown fact "constructor"; it is ignored$/),
      expect.stringMatching(/p\.json:1:60: warning: unknown fact "toString"; it is ignored$/),
      expect.stringMatching(
        /p\.json:1:87: warning: unknown fact "account\.hasOwnProperty"; it is ignored$/,
      ),
      '',
    ]);
    expect(JSON.parse(run.out).results[0].status).toBe('pass');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('__proto__, constructor and toString in case facts are unknown facts too', async () => {
    const rules = tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'demo/flow.cases.yaml': DEMO_CASES.replace(
        'facts: { account: { freeze: none, email: { bound: false } } }',
        'facts: { __proto__: { polluted: 1 }, constructor: 1, toString: 2, account: { freeze: none, email: { bound: false } } }',
      ),
    });
    const run = await cli('validate', rules);
    expect(run.code).toBe(0);
    expect(
      run.out
        .split('\n')
        .filter((l) => l.includes(': warning:'))
        .map((l) => l.replace(/^.*?cases\.yaml:/, '')),
    ).toEqual([
      '13:14: warning: unknown fact "__proto__"; it is ignored',
      '13:42: warning: unknown fact "constructor"; it is ignored',
      '13:58: warning: unknown fact "toString"; it is ignored',
    ]);
  });

  it('--flow constructor is an unknown flow', async () => {
    const run = await cli(
      'eval',
      '--rules',
      pack,
      '--flow',
      'constructor',
      '--facts',
      factsFile('x.json', '{}'),
    );
    expect(run.code).toBe(2);
    expect(run.err).toBe('policylens eval: unknown flow "constructor"; valid flows: demo.flow\n');
  });
});

describe('--at takes years 0001 to 0099 as written', { timeout: 60_000 }, () => {
  it.each(['0001-01-01', '0050-06-15', '0099-12-31', '0048-02-29'])('%s', async (at) => {
    const run = await cli(
      'eval',
      '--rules',
      pack,
      '--flow',
      'demo.flow',
      '--facts',
      factsFile('x.json', '{}'),
      '--at',
      at,
      '--format',
      'json',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).at).toBe(at);
  });

  it('and still refuses a day that year does not have', async () => {
    const run = await cli(
      'eval',
      '--rules',
      pack,
      '--flow',
      'demo.flow',
      '--facts',
      factsFile('x.json', '{}'),
      '--at',
      '0050-02-29',
    );
    expect(run.code).toBe(2);
    expect(run.err).toBe('policylens eval: --at must be a date YYYY-MM-DD, not "0050-02-29"\n');
  });
});
