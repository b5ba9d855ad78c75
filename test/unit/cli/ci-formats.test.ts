import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { FACTS_TEXT, posOf, REPO } from '../engine/helpers.ts';
import { cli, DEMO_CASES, DEMO_RULES, policylens, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

/** A pack with one error in its rule file, in a folder `name` inside a temp folder. */
function brokenPack(name = 'rules') {
  const rules = DEMO_RULES.replace('value: none', 'value: frozen');
  const dir = tempDir(
    { [`${name}/facts.yaml`]: FACTS_TEXT, [`${name}/demo/flow.yaml`]: rules },
    false,
  );
  return { dir, pack: join(dir, name), ...posOf(rules, 'frozen }', 2) };
}

/** Checks what GitHub code scanning needs of a SARIF log, and returns its one run. */
function checkSarif(log: Log) {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  expect(run.tool.driver.name).toBe('policylens');
  for (const result of run.results ?? []) {
    // Every result names its rule, and its index points at that rule's description.
    expect(run.tool.driver.rules?.[result.ruleIndex!]?.id).toBe(result.ruleId);
    expect(run.tool.driver.rules?.[result.ruleIndex!]?.shortDescription?.text).toBeTruthy();
    expect(result.message.text).toBeTruthy();
    const location = result.locations?.[0]?.physicalLocation;
    expect(location?.region?.startLine).toBeGreaterThan(0);
    expect(location?.region?.startColumn).toBeGreaterThan(0);
  }
  return run;
}

describe('validate --format sarif', { timeout: 60_000 }, () => {
  it('is a SARIF 2.1.0 log with each error on its line, paths relative to the working folder', () => {
    const { pack, line, col } = brokenPack();
    const run = policylens(['validate', '--format', 'sarif', '.'], '', { cwd: pack });
    expect(run.code).toBe(1);
    expect(run.err).toBe('');
    const sarif = checkSarif(JSON.parse(run.out) as Log);
    expect(sarif.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(pathToFileURL(`${pack}/`).href);
    expect(sarif.results).toEqual([
      {
        ruleId: 'value-type',
        ruleIndex: 0,
        level: 'error',
        message: {
          text: '"account.freeze" equal: expected one of none, closure, arrears, police, violation, other, found "frozen"',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'demo/flow.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: line, startColumn: col },
            },
          },
        ],
      },
    ]);
  });

  it('percent-encodes paths, and names files outside the working folder by file: URL', () => {
    const { dir, pack } = brokenPack('my rules');
    const inside = policylens(['validate', '--format', 'sarif', 'my rules'], '', { cwd: dir });
    const outside = policylens(['validate', '--format', 'sarif', pack]);
    for (const run of [inside, outside]) expect(run.code).toBe(1);
    const uri = (run: { out: string }) =>
      (JSON.parse(run.out) as Log).runs[0]!.results![0]!.locations![0]!.physicalLocation!
        .artifactLocation!;
    expect(uri(inside)).toEqual({ uri: 'my%20rules/demo/flow.yaml', uriBaseId: '%SRCROOT%' });
    expect(uri(outside)).toEqual({ uri: pathToFileURL(join(pack, 'demo/flow.yaml')).href });
    expect(uri(outside).uri).toMatch(/^file:\/\/\/.*\/my%20rules\/demo\/flow\.yaml$/);
  });

  it('a valid pack is a log without results, and exit 0', async () => {
    const dir = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': DEMO_CASES });
    const run = await cli('validate', dir, '--format', 'sarif');
    expect(run.code).toBe(0);
    expect(checkSarif(JSON.parse(run.out) as Log).results).toEqual([]);
  });
});

describe('--format github', { timeout: 60_000 }, () => {
  it('validate writes one workflow command per problem, on its file and line', async () => {
    const { pack, line, col } = brokenPack();
    const run = await cli('validate', pack, '--format', 'github');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      `::error file=${join(pack, 'demo/flow.yaml')},line=${line},col=${col},title=policylens value-type::"account.freeze" equal: expected one of none, closure, arrears, police, violation, other, found "frozen"\n`,
    );
    expect(run.err).toBe('2 files checked: 1 error, 0 warnings\n');
  });

  it('escapes what would end or split a command: %, line breaks, and in properties : and ,', async () => {
    // A message quotes what a user wrote, here a key of a rule, with its line break escaped
    // (\n as two characters), so that one problem is one line in every format.
    const rules = DEMO_RULES.replace(
      '    severity: info',
      '    "50%\\nkey": 1\n    severity: info',
    );
    const dir = tempDir({ 'a,b: c/facts.yaml': FACTS_TEXT, 'a,b: c/demo/flow.yaml': rules }, false);
    const pack = join(dir, 'a,b: c');
    const text = await cli('validate', pack);
    expect(text.out).toContain('unknown property "50%\\nkey" in rules[2]');
    const run = await cli('validate', pack, '--format', 'github');
    expect(run.code).toBe(1);
    expect(run.out.trimEnd().split('\n')).toEqual([
      `::error file=${join(dir, 'a%2Cb%3A c')}/demo/flow.yaml,line=${posOf(rules, '"50%').line},col=5,title=policylens schema-additionalProperties::unknown property "50%25\\nkey" in rules[2]; expected one of: id, severity, title, message, fail, source, from, until, when, require, versions`,
    ]);
  });

  it('lint writes warnings as ::warning, titled with the lint rule', async () => {
    const run = await cli('lint', 'examples/policy-owner/after', '--format', 'github');
    expect(run.code).toBe(0);
    const file = 'examples/policy-owner/after/reseller/join.yaml';
    expect(run.out.split('\n').slice(0, 2)).toEqual([
      `::warning file=${file},line=28,col=9,title=policylens rule-without-cases::rule "reseller.join.expired-solution-provider" has no cases: no case in a *.cases.yaml expects a status for it`,
      `::warning file=${file},line=40,col=7,title=policylens never-fails::rule "reseller.join.expired-solution-provider" never fails: "require" is true or unknown for every value of partner.programs.solutionProvider; make it a notice (no "require") or fix the condition`,
    ]);
  });
});

describe('lint --format sarif', { timeout: 60_000 }, () => {
  it('describes each lint rule it reports, and puts each finding on its line', async () => {
    const run = await cli('lint', 'examples/policy-owner/after', '--format', 'sarif');
    expect(run.code).toBe(0);
    const sarif = checkSarif(JSON.parse(run.out) as Log);
    expect(sarif.tool.driver.rules?.map((r) => [r.id, r.shortDescription?.text])).toEqual([
      ['rule-without-cases', 'No case in any *.cases.yaml expects a status for the rule.'],
      [
        'never-fails',
        '"require" can never be false where "when" holds (a tautology), so the rule never fails: make it a notice or fix the condition.',
      ],
    ]);
    expect(
      sarif.results?.map((r) => [
        r.ruleId,
        r.level,
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
      ]),
    ).toEqual([
      ['rule-without-cases', 'warning', 'examples/policy-owner/after/reseller/join.yaml', 28],
      ['never-fails', 'warning', 'examples/policy-owner/after/reseller/join.yaml', 40],
    ]);
  });

  it('rules that do not load are reported as SARIF errors too, and exit 1', async () => {
    const { pack, line } = brokenPack();
    const run = await cli('lint', pack, '--format', 'sarif');
    expect(run.code).toBe(1);
    const sarif = checkSarif(JSON.parse(run.out) as Log);
    expect(sarif.results?.map((r) => [r.ruleId, r.level])).toEqual([['value-type', 'error']]);
    expect(sarif.results?.[0]?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(line);
    expect(run.err).toContain('the rules, cases or page maps have errors');
  });

  it('rejects a format it does not know, listing the ones it does', async () => {
    expect(await cli('lint', 'rules', '--format', 'checkstyle')).toEqual({
      code: 2,
      out: '',
      err: 'policylens lint: --format must be text, json, sarif or github, not "checkstyle"\n',
    });
  });
});

describe('paths may be globs', { timeout: 60_000 }, () => {
  const pack = () =>
    tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'demo/flow.cases.yaml': DEMO_CASES,
      'other/flow.yaml': DEMO_RULES.replaceAll('demo.flow', 'other.flow'),
      'other/flow.cases.yaml': DEMO_CASES.replaceAll('demo.flow', 'other.flow'),
    });

  it('validate checks the files a quoted pattern matches', async () => {
    const dir = pack();
    const run = await cli('validate', `${dir}/**/flow.yaml`);
    expect(run).toEqual({ code: 0, out: '2 files checked: 0 errors, 0 warnings\n', err: '' });
  });

  it('test runs the case files a pattern matches, and only those', async () => {
    const dir = pack();
    const run = await cli('test', `${dir}/o*/*.cases.yaml`);
    expect(run.code).toBe(0);
    expect(run.out).toContain('ok   other.flow › a frozen account fails');
    expect(run.out).not.toContain('demo.flow ›');
  });

  it('lint reports only on the files a pattern matches', async () => {
    const dir = pack();
    // No case expects a status for the notes: each flow's note is a rule without cases.
    const unknowns = `  - name: nothing known
    facts: {}
    expect: { demo.flow.not-frozen: unknown, demo.flow.email: unknown }
`;
    for (const flow of ['demo', 'other']) {
      writeFileSync(
        join(dir, `${flow}/flow.cases.yaml`),
        (DEMO_CASES.replace('      demo.flow.note: notice\n', '') + unknowns).replaceAll(
          'demo.flow',
          `${flow}.flow`,
        ),
      );
    }
    const all = await cli('lint', dir);
    expect(all.out.match(/\[rule-without-cases\]/g)).toHaveLength(2);
    const run = await cli('lint', `${dir}/{other,nothing}/*.yaml`);
    expect(run.out).toContain(`${join(dir, 'other/flow.yaml')}:`);
    expect(run.out.match(/\[rule-without-cases\]/g)).toHaveLength(1);
    expect(run.out).toContain('2 files linted: 0 errors, 1 warning');
  });

  it('a pattern that matches nothing is a usage error', async () => {
    const dir = pack();
    expect(await cli('validate', `${dir}/**/nothing.yaml`)).toEqual({
      code: 2,
      out: '',
      err: `policylens validate: no files match ${dir}/**/nothing.yaml\n`,
    });
  });

  it('a path that exists is taken as it is, even with glob characters in it', async () => {
    const { pack } = brokenPack('rules [v2]');
    const run = await cli('validate', pack);
    expect(run.code).toBe(1);
    expect(run.err).toBe('2 files checked: 1 error, 0 warnings\n');
  });
});

it('runs from the repository, which the relative paths above are relative to', () => {
  expect(process.cwd()).toBe(REPO);
});
