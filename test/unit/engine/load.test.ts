import { describe, expect, it } from 'vitest';
import {
  loadPack,
  loadPackFromObjects,
  loadVocabulary,
  parseYamlFile,
} from '../../../engine/index.ts';
import { FACTS_FILE, FACTS_TEXT, lines, load, posOf, rule, ruleFile } from './helpers.ts';

const FILE = 'rules/demo/flow.yaml';

/** Loads one rule file; it must not load, and its diagnostics are returned as lines. */
function refused(text: string): string[] {
  const result = load({ [FILE]: text });
  expect(result.pack).toBeUndefined();
  return lines(result.diagnostics);
}

/** `rules/demo/flow.yaml:L:C: error: message`, with L:C where `needle` starts in `text`. */
function at(text: string, needle: string, message: string, nth = 1): string {
  const { line, col } = posOf(text, needle, nth);
  return `${FILE}:${line}:${col}: error: ${message}`;
}

const VALID = ruleFile(
  rule('demo.flow.a', '    require: { fact: account.freeze, operator: equal, value: none }\n'),
);

describe('a valid pack', () => {
  it('loads with no diagnostics', () => {
    const { pack, diagnostics } = load({ [FILE]: VALID });
    expect(diagnostics).toEqual([]);
    expect(pack?.flows.map((f) => f.id)).toEqual(['demo.flow']);
    expect(pack?.flows[0]!.rules[0]!.pos).toEqual({ file: FILE, line: 4, col: 9 });
  });

  it('accepts JSON, which is YAML too', () => {
    const json = JSON.stringify({
      flow: 'demo.flow',
      title: { 'zh-CN': '演示', en: 'Demo' },
      rules: [
        {
          id: 'demo.flow.a',
          severity: 'info',
          source: 'seed L1',
          title: { 'zh-CN': '标题', en: 'Title' },
          message: { 'zh-CN': '消息', en: 'Message' },
        },
      ],
    });
    expect(load({ 'rules/demo/flow.json.yaml': json }).diagnostics).toEqual([]);
  });
});

describe('YAML syntax', () => {
  it('points at the line and column of the syntax error', () => {
    const text = VALID.replace('    severity: block\n', '    severity: block\n   bad indent: x\n');
    expect(refused(text)).toEqual([
      `${FILE}:6:1: error: invalid YAML: Sequence item without - indicator (6 more syntax errors after it may follow from this one)`,
    ]);
  });

  it('reports an unclosed flow mapping where the block goes on', () => {
    const text = VALID.replace(
      'title: { zh-CN: 标题, en: Title of demo.flow.a }',
      'title: { zh-CN: 标题',
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'message:',
        'invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
      ),
    ]);
  });

  it('refuses a duplicate key', () => {
    const text = VALID.replace(
      '    severity: block\n',
      '    severity: block\n    severity: warn\n',
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'severity',
        'invalid YAML: duplicate key "severity" (first at line 5); keys must be unique',
        2,
      ),
    ]);
  });

  it('finds duplicate keys at every depth, in lists, flow maps and values of complex keys, in document order', () => {
    const text = [
      'a: 1',
      'list:',
      '  - { x: 1, x: 2 }',
      '  - y: 1',
      '    nested: { z: 1, z: 2 }',
      '    y: 3',
      '? [k]',
      ': { w: 1, w: 2 }',
      'a: 4',
      '',
    ].join('\n');
    const file = parseYamlFile('t.yaml', text);
    expect(file.value).toBeUndefined();
    expect(file.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '9:1 invalid YAML: duplicate key "a" (first at line 1); keys must be unique',
      '3:13 invalid YAML: duplicate key "x" (first at line 3); keys must be unique',
      '6:5 invalid YAML: duplicate key "y" (first at line 4); keys must be unique',
      '5:21 invalid YAML: duplicate key "z" (first at line 5); keys must be unique',
      '8:11 invalid YAML: duplicate key "w" (first at line 8); keys must be unique',
    ]);
  });

  it('refuses an alias inside the node it names instead of recursing forever', () => {
    const text = VALID.replace(
      '    require: { fact: account.freeze, operator: equal, value: none }',
      '    require: &loop { not: *loop }',
    );
    expect(refused(text)).toEqual([
      at(text, '*loop', 'invalid YAML: alias *loop refers to a node that contains it'),
    ]);
  });

  it('keeps dates as text: an unquoted date is still a YYYY-MM-DD string', () => {
    const file = parseYamlFile('x.yaml', 'from: 2024-04-15\n');
    expect(file.value).toEqual({ from: '2024-04-15' });
  });
});

describe('schema errors', () => {
  it('an unknown property is named, with a did-you-mean and the properties allowed', () => {
    const text = VALID.replace('    require:', '    requires:');
    expect(refused(text)).toEqual([
      at(
        text,
        'requires',
        'unknown property "requires" in rules[0] (did you mean "require"?); expected one of: id, severity, title, message, fail, source, from, until, when, require, versions',
      ),
    ]);
  });

  it('a severity outside the enum lists the allowed ones', () => {
    const text = VALID.replace('severity: block', 'severity: critical');
    expect(refused(text)).toEqual([
      at(
        text,
        'critical',
        'rules[0].severity: expected one of block, warn, info, found "critical"',
      ),
    ]);
  });

  it('a date that does not exist is refused, quoted or not', () => {
    for (const date of ["'2024-02-30'", '2024-02-30']) {
      const text = VALID.replace('    require:', `    from: ${date}\n    require:`);
      expect(refused(text)).toEqual([
        at(text, date, 'rules[0].from: expected a calendar date, YYYY-MM-DD, found "2024-02-30"'),
      ]);
    }
  });

  it('a message without its English text names the missing language at the message', () => {
    const text = VALID.replace(
      '    message: { zh-CN: 消息, en: Message of demo.flow.a }',
      '    message:\n      zh-CN: 只有中文',
    );
    expect(refused(text)).toEqual([at(text, 'message:', 'rules[0].message is missing "en"')]);
  });

  it('a title without its Chinese text names the missing language', () => {
    const text = VALID.replace(
      'title: { zh-CN: 标题, en: Title of demo.flow.a }',
      'title: { en: Title }',
    );
    expect(refused(text)).toEqual([at(text, 'title:', 'rules[0].title is missing "zh-CN"', 2)]);
  });

  it('a source that is neither "seed L<n>" nor an https URL is refused', () => {
    const text = VALID.replace('source: seed L1', 'source: http://example.com');
    expect(refused(text)).toEqual([
      at(
        text,
        'http://example.com',
        `rules[0].source: expected Where the rule comes from: 'seed L<n>' or an https URL, or a list of them., found "http://example.com"`,
      ),
    ]);
  });
});

describe('semantic errors', () => {
  const withRequire = (require: string) =>
    ruleFile(rule('demo.flow.a', `    require: ${require}\n`));

  it('an unknown fact, with a did-you-mean', () => {
    const text = withRequire('{ fact: account.frezze, operator: equal, value: none }');
    expect(refused(text)).toEqual([
      at(text, 'account.frezze', 'unknown fact "account.frezze" (did you mean "account.freeze"?)'),
    ]);
  });

  it('a value outside the fact’s enum lists the values there are', () => {
    const text = withRequire('{ fact: account.freeze, operator: equal, value: frozen }');
    expect(refused(text)).toEqual([
      at(
        text,
        'frozen',
        '"account.freeze" equal: expected one of none, closure, arrears, police, violation, other, found "frozen"',
      ),
    ]);
  });

  it('an enum value in a list is checked item by item, with a did-you-mean', () => {
    const text = withRequire(
      '{ fact: partner.hcpn.status, operator: in, value: [joined, aplying] }',
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'aplying',
        '"partner.hcpn.status" in: expected one of none, applying, joined, rejected, found "aplying" (did you mean "applying"?)',
      ),
    ]);
  });

  it('a value of the wrong type', () => {
    const text = withRequire("{ fact: account.email.bound, operator: equal, value: 'yes' }");
    expect(refused(text)).toEqual([
      at(text, "'yes'", '"account.email.bound" equal: expected true or false, found "yes"'),
    ]);
    const number = withRequire(
      "{ fact: form.invoice.amount, operator: greaterThan, value: '100' }",
    );
    expect(refused(number)).toEqual([
      at(number, "'100'", '"form.invoice.amount" greaterThan: expected a number, found "100"'),
    ]);
  });

  it('a comparison with a fact of another type', () => {
    const text = withRequire(
      '{ fact: form.invoice.title, operator: sameEntity, value: { fact: form.invoice.amount } }',
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'form.invoice.amount',
        '"form.invoice.title" sameEntity needs a string fact, found fact "form.invoice.amount" (number)',
      ),
    ]);
  });

  it('an unknown operator, with a did-you-mean and the operators there are', () => {
    const text = withRequire('{ fact: account.freeze, operator: equals, value: none }');
    expect(refused(text)).toEqual([
      at(
        text,
        'equals',
        'unknown operator "equals" (did you mean "equal"?); expected one of: equal, notEqual, in, notIn, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, sameEntity, notSameEntity, monthBefore, dayOfMonthAfter',
      ),
    ]);
  });

  it('an operator that does not apply to the fact’s type', () => {
    const text = withRequire('{ fact: account.freeze, operator: lessThan, value: 3 }');
    expect(refused(text)).toEqual([
      at(
        text,
        'lessThan',
        'operator "lessThan" does not apply to "account.freeze" (enum); it takes number facts',
      ),
    ]);
  });

  it('a rule id that does not start with its flow', () => {
    const text = ruleFile(rule('other.flow.a'));
    expect(refused(text)).toEqual([
      at(text, 'other.flow.a', 'rule id "other.flow.a" must start with its flow "demo.flow."'),
    ]);
  });

  it('a rule with no source', () => {
    const text = VALID.replace('    source: seed L1\n', '');
    expect(refused(text)).toEqual([
      at(
        text,
        'id: demo.flow.a',
        'rule "demo.flow.a" has no source: add source: "seed L<n>" or an https URL',
      ),
    ]);
  });

  it('a versioned rule needs a source on the rule or on every version', () => {
    const text = ruleFile(
      rule(
        'demo.flow.a',
        `    versions:
      - until: '2024-04-15'
        source: seed L5
        require: { fact: account.freeze, operator: equal, value: none }
      - from: '2024-04-15'
        require: { fact: account.freeze, operator: equal, value: none }
`,
      ).replace('    source: seed L1\n', ''),
    );
    expect(refused(text)).toEqual([
      at(
        text,
        "from: '2024-04-15'",
        'rule "demo.flow.a" has no source: add source: "seed L<n>" or an https URL',
      ),
    ]);
  });

  it('"until" on or before "from"', () => {
    const text = VALID.replace(
      '    require:',
      "    from: '2024-05-01'\n    until: '2024-05-01'\n    require:",
    );
    expect(refused(text)).toEqual([
      at(
        text,
        "'2024-05-01'",
        '"until" 2024-05-01 must be after "from" 2024-05-01 (until is the first day the rule no longer applies)',
        2,
      ),
    ]);
  });

  it('versions whose dates overlap', () => {
    const text = ruleFile(
      rule(
        'demo.flow.a',
        `    versions:
      - until: '2024-05-01'
        require: { fact: account.freeze, operator: equal, value: none }
      - from: '2024-04-01'
        require: { fact: account.freeze, operator: equal, value: none }
`,
      ),
    );
    expect(refused(text)).toEqual([
      at(
        text,
        "'2024-04-01'",
        `versions of rule "demo.flow.a" overlap: this one starts 2024-04-01 but the one at line ${posOf(text, '- until').line} runs until 2024-05-01`,
      ),
    ]);
  });

  it('two open-ended versions overlap', () => {
    const text = ruleFile(
      rule(
        'demo.flow.a',
        `    versions:
      - require: { fact: account.freeze, operator: equal, value: none }
      - require: { fact: account.freeze, operator: equal, value: closure }
`,
      ),
    );
    expect(refused(text)[0]).toMatch(
      /overlap: this one starts with no "from" but the one at line \d+ runs with no "until"$/,
    );
  });

  it('versions beside a rule-level require', () => {
    const text = ruleFile(
      rule(
        'demo.flow.a',
        `    require: { fact: account.freeze, operator: equal, value: none }
    versions:
      - until: '2024-05-01'
        require: { fact: account.freeze, operator: equal, value: none }
`,
      ),
    );
    expect(refused(text)).toEqual([
      at(
        text,
        'require:',
        'rule "demo.flow.a" has versions: put "require" in each version, not beside them',
      ),
    ]);
  });

  it('a message that interpolates an unknown fact', () => {
    const text = VALID.replace(
      '    message: { zh-CN: 消息, en: Message of demo.flow.a }',
      "    message:\n      zh-CN: 状态{account.frozen}\n      en: 'State {account.freeze}'",
    );
    expect(refused(text)).toEqual([
      at(text, '状态', 'message interpolates unknown fact "{account.frozen}"'),
    ]);
  });

  it('a duplicate rule id across files names where it was first defined', () => {
    const other = ruleFile(
      rule('demo.flow.a').replace('    source: seed L1\n', '    source: seed L2\n'),
      'demo.other',
    ).replace('flow: demo.other', 'flow: demo.flow.b');
    const result = load({ [FILE]: VALID, 'rules/demo/other.yaml': other });
    expect(result.pack).toBeUndefined();
    expect(lines(result.diagnostics)).toContain(
      `rules/demo/other.yaml:4:9: error: rule id "demo.flow.a" is already defined at ${FILE}:4:9`,
    );
  });

  it('a flow defined in two files names the first', () => {
    const other = ruleFile(rule('demo.flow.b'));
    const result = load({ [FILE]: VALID, 'rules/demo/other.yaml': other });
    expect(lines(result.diagnostics)).toEqual([
      `rules/demo/other.yaml:1:7: error: flow "demo.flow" is already defined at ${FILE}:1:7`,
    ]);
  });

  it('a `fail` text on a rule that can never fail is a warning, and the pack still loads', () => {
    const text = ruleFile(rule('demo.flow.n', '    fail: { zh-CN: 失败, en: Failed }\n', 'info'));
    const result = load({ [FILE]: text });
    expect(result.pack).toBeDefined();
    expect(lines(result.diagnostics)).toEqual([
      `${FILE}:${posOf(text, '{ zh-CN: 失败').line}:${posOf(text, '{ zh-CN: 失败').col}: warning: rule "demo.flow.n" has no "require", so it never fails and its "fail" text is never shown`,
    ]);
  });
});

describe('an invalid pack never half-loads', () => {
  it('one bad file among good ones yields no pack at all, and the good ones stay silent', () => {
    const bad = ruleFile(
      rule('demo.bad.a', '    require: { fact: account.freeze, operator: equal, value: frozen }\n'),
      'demo.bad',
    );
    const result = load({ [FILE]: VALID, 'rules/demo/bad.yaml': bad });
    expect(result.pack).toBeUndefined();
    expect(result.diagnostics.map((d) => d.file)).toEqual(['rules/demo/bad.yaml']);
  });

  it('no facts.yaml, or two, is an error', () => {
    const none = loadPack([{ path: FILE, text: VALID }]);
    expect(none.pack).toBeUndefined();
    expect(lines(none.diagnostics)).toEqual([
      `${FILE}:1:1: error: no fact vocabulary: expected one facts.yaml beside the rules`,
    ]);
    const two = loadPack([
      FACTS_FILE,
      { path: 'other/facts.yaml', text: FACTS_TEXT },
      { path: FILE, text: VALID },
    ]);
    expect(two.pack).toBeUndefined();
    expect(lines(two.diagnostics)).toEqual([
      'other/facts.yaml:1:1: error: more than one facts.yaml: rules/facts.yaml, other/facts.yaml',
    ]);
  });

  it('a broken vocabulary refuses the pack and points into facts.yaml', () => {
    const broken = FACTS_TEXT.replace('    type: boolean\n', '    type: bool\n');
    const result = loadPack([
      { path: 'rules/facts.yaml', text: broken },
      { path: FILE, text: VALID },
    ]);
    expect(result.pack).toBeUndefined();
    const { line, col } = posOf(broken, 'bool\n');
    expect(lines(result.diagnostics)).toEqual([
      `rules/facts.yaml:${line}:${col}: error: facts.account.email.bound.type: expected one of string, boolean, number, enum, month, date, found "bool"`,
    ]);
  });

  it('an enum fact without values is refused by the vocabulary schema', () => {
    const text = 'facts:\n  a.b:\n    type: enum\n    description: { zh-CN: 甲, en: A }\n';
    const { facts, diagnostics } = loadVocabulary(parseYamlFile('facts.yaml', text));
    expect(facts).toBeUndefined();
    expect(lines(diagnostics)).toEqual(['facts.yaml:2:3: error: facts.a.b is missing "values"']);
  });

  it('diagnostics come sorted by file, then line', () => {
    const bad = ruleFile(
      rule('demo.flow.b', '    require: { fact: account.nope, operator: equal, value: 1 }\n') +
        rule('demo.flow.a', '    require: { fact: account.freeze, operator: equal, value: x }\n'),
    );
    const result = load({
      'rules/z.yaml': VALID.replace('demo.flow', 'z.flow').replace('demo.flow.a', 'z.flow.a'),
      [FILE]: bad,
    });
    const positions = result.diagnostics.map((d) => [d.file, d.line]);
    expect(positions).toEqual(
      [...positions].sort((a, b) =>
        a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1]),
      ),
    );
    expect(result.diagnostics[0]!.file).toBe(FILE);
  });
});

describe('loadPackFromObjects: a pack given as objects', () => {
  const facts = parseYamlFile('facts.yaml', FACTS_TEXT).value;
  const flow = () => parseYamlFile(FILE, VALID).value as { rules: Record<string, unknown>[] };

  it('compiles like the same YAML', () => {
    const fromObjects = loadPackFromObjects({ facts, flows: [flow()] });
    const fromText = loadPack([FACTS_FILE, { path: FILE, text: VALID }]);
    expect(fromObjects.diagnostics).toEqual([]);
    const strip = (pack: typeof fromText.pack) =>
      JSON.parse(JSON.stringify(pack?.flows, (k, v) => (k === 'pos' ? undefined : v)));
    expect(strip(fromObjects.pack)).toEqual(strip(fromText.pack));
  });

  it('says where in the object each problem is, as it would in the file', () => {
    const broken = flow();
    broken.rules[0]!.severity = 'urgent';
    const result = loadPackFromObjects({ facts, flows: [broken] });
    expect(result.pack).toBeUndefined();
    expect(lines(result.diagnostics)).toEqual([
      'flows[0]: at rules[0].severity: error: rules[0].severity: expected one of block, warn, info, found "urgent"',
    ]);
    const unknown = flow();
    (unknown.rules[0]!.require as { fact: string }).fact = 'account.frozen';
    expect(lines(loadPackFromObjects({ facts, flows: [unknown] }).diagnostics)).toEqual([
      'flows[0]: at rules[0].require.fact: error: unknown fact "account.frozen" (did you mean "account.freeze"?)',
    ]);
  });

  it('refuses what is not plain data, and objects that contain themselves', () => {
    const looped: Record<string, unknown> = { flow: 'demo.flow' };
    looped.rules = [looped];
    const result = loadPackFromObjects({ facts, flows: [() => 1, looped] });
    expect(result.pack).toBeUndefined();
    const [notData, looping] = lines(result.diagnostics);
    // The rest of the first message is Node's own words for what it could not copy.
    expect(notData).toMatch(/^flows\[0\]: at the file: error: not plain data: /);
    expect(looping).toBe('flows[1]: at the file: error: the object contains itself');
  });

  it('is not changed by later changes to the objects given', () => {
    const given = flow();
    const { pack } = loadPackFromObjects({ facts, flows: [given] });
    (given.rules[0]!.title as Record<string, string>).en = 'changed';
    expect(pack?.flows[0]!.rules[0]!.title.en).not.toBe('changed');
  });
});
