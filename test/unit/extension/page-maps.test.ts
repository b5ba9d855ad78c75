import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../engine/diagnostics.ts';
import { loadPageMaps } from '../../../engine/pages.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';

// Page maps are validated with the same checks as the rules, with file:line:col.

const { bundle } = compileBundle(process.cwd());
const facts = bundle!.pack.facts;
const flowIds = bundle!.pack.flows.map((f) => f.id);
const ruleIds = bundle!.pack.flows.flatMap((f) => f.rules.map((r) => r.id));

function check(text: string): string[] {
  return loadPageMaps(
    [{ path: 'rules/pages/test.yaml', text }],
    facts,
    flowIds,
    ruleIds,
  ).diagnostics.map(formatDiagnostic);
}

const HEAD = `sites: [https://account.huaweicloud.com/obmgr/]
pages:
  - id: reseller.join
    flow: reseller.join
    routes: [/obmgr/program/reseller/apply]
    heading: { zh-CN: 申请加入云经销商计划, en: Apply for the Cloud Reseller Program }
`;

describe('the page maps in rules/pages/', () => {
  test('load without diagnostics', () => {
    const dir = join(process.cwd(), 'rules/pages');
    const files = readdirSync(dir).map((name) => ({
      path: `rules/pages/${name}`,
      text: readFileSync(join(dir, name), 'utf8'),
    }));
    const result = loadPageMaps(files, facts, flowIds, ruleIds);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    for (const file of files) {
      expect(file.text.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../engine/schema/page-map.schema.json',
      );
    }
  });

  test('map every page of domain.md section 5, with every flow that has rules', () => {
    const ids = bundle!.pageMaps.map((p) => p.id).sort();
    expect(ids).toEqual(['overview', ...flowIds].sort());
  });
});

describe('page map checks', () => {
  test('an unknown fact, with a suggestion', () => {
    expect(
      check(
        `${HEAD}    fields:\n      - { fact: account.freez, label: { zh-CN: 账号状态, en: Account status } }\n`,
      ),
    ).toEqual([
      'rules/pages/test.yaml:8:17: error: unknown fact "account.freez" (did you mean "account.freeze"?)',
    ]);
  });

  test('an unknown enum value, in a value and in "also"', () => {
    const text = `${HEAD}    fields:
      - fact: account.realName.status
        label: { zh-CN: 实名认证, en: Real-name verification }
        values:
          - { text: { zh-CN: 已认证, en: Verified }, value: verifed, also: { account.realName.type: company } }
`;
    expect(check(text)).toEqual([
      'rules/pages/test.yaml:11:58: error: "account.realName.status": expected one of unverified, pending, rejected, verified, found "verifed" (did you mean "verified"?)',
      'rules/pages/test.yaml:11:98: error: "account.realName.type": expected one of individual, enterprise, found "company"',
    ]);
  });

  test('an unknown flow, a duplicate route, a warning on a field the page lacks', () => {
    const text = `${HEAD}    warnings: { reseller.join.not-frozen: form.invoice.title }
  - id: other
    flow: reseller.joins
    routes: [/obmgr/program/reseller/apply]
    heading: { zh-CN: 别的, en: Other }
`;
    const out = check(text);
    expect(out).toEqual([
      'rules/pages/test.yaml:7:43: error: "form.invoice.title" is not a field of page "reseller.join"; a warning sits beside one of: no fields',
      'rules/pages/test.yaml:9:11: error: unknown flow "reseller.joins" (did you mean "reseller.join"?); known flows: ' +
        flowIds.join(', '),
      expect.stringMatching(
        /^rules\/pages\/test\.yaml:10:14: error: route "\/obmgr\/program\/reseller\/apply" on https:\/\/account\.huaweicloud\.com\/obmgr\/ is already mapped at rules\/pages\/test\.yaml:5:14/,
      ),
    ]);
  });

  test('schema errors point at the node', () => {
    const out = check(
      `sites: [http://account.huaweicloud.com/]\npages:\n  - { id: x, flow: reseller.join, heading: { zh-CN: 甲 } }\n`,
    );
    expect(out.some((d) => d.startsWith('rules/pages/test.yaml:1:9: error:'))).toBe(true);
    expect(out.some((d) => d.startsWith('rules/pages/test.yaml:3:') && d.includes('"en"'))).toBe(
      true,
    );
  });

  test('values on a number field, and an enum field without values', () => {
    const out = check(`${HEAD}    fields:
      - { fact: account.freeze, label: { zh-CN: 账号状态, en: Account status } }
      - fact: form.invoice.amount
        label: { zh-CN: 开票金额, en: Invoice amount }
        values: [{ text: { zh-CN: 零, en: zero }, value: 0 }]
`);
    expect(out).toEqual([
      expect.stringMatching(
        /^rules\/pages\/test\.yaml:8:9: error: field "account\.freeze" is an enum/,
      ),
      expect.stringMatching(
        /^rules\/pages\/test\.yaml:11:9: error: field "form\.invoice\.amount" is a number/,
      ),
    ]);
  });
});
