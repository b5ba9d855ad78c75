import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, removeTempDirs, tempDir } from './helpers.ts';

// `policylens pages check` on saved pages: which page map matched, each field, the facts,
// the exit code. The pages imitate the console (unlabelled account, help icons, decorated
// values), not the page maps.

afterAll(removeTempDirs);

const OVERVIEW_URL = 'https://account.huaweicloud.com/obmgr/#/obmgr/index';
const WITHDRAW_URL =
  'https://account-intl.huaweicloud.com/obmgr/?locale=en-us#/obmgr/finance/funds/withdraw';

const TOP_BAR = `<div class="cf-header"><span>华为云 | 伙伴中心</span><a href="#">费用</a>
  <div class="user" aria-haspopup="menu"><span class="avatar" aria-hidden="true">Y</span><span>yunqi-tech</span><i class="caret"></i></div></div>`;

/** An overview as the console shows it once its data is in: every field of the page map. */
function overview(overrides: Record<string, string> = {}): string {
  const row = (label: string, value: string) =>
    `<tr><th>${label}</th><td>${overrides[label.replace(/<.*$/u, '')] ?? value}</td></tr>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
  <script>document.body.innerHTML = '<h1>提现</h1>';</script></head><body>${TOP_BAR}
  <div class="layout"><nav><a href="#/obmgr/index">总览</a><a href="#">云经销商</a></nav>
  <div class="content"><h1>总览</h1><table>
  ${row('账号名', 'yunqi-tech')}
  ${row('实名认证<span class="icon" title="说明">ⓘ</span>', '<span class="ok">✓</span>已认证（企业） <a href="#">查看详情</a>')}
  ${row('认证主体', '云启科技（深圳）有限公司 <span class="el-tag">企业</span>')}
  ${row('账号状态', '正常')}
  ${row('邮箱', '未绑定 <a href="#">去绑定</a>')}
  ${row('伙伴状态<i class="help" title="HCPN">?</i>', '已入驻')}
  ${row('解决方案提供商', '<span class="tag">未加入</span>')}
  ${row('云经销商', '<span class="tag">申请中</span>')}
  ${row('合作伙伴共拓计划', '<span class="tag">已过期</span>')}
  ${row('关联一级经销商<i class="iconfont">\ue6a3</i>', '否')}
  ${row('签约主体<span tabindex="0" aria-describedby="t"><svg></svg><span role="tooltip" id="t" hidden>主体</span></span>', '华为云计算技术有限公司')}
  </table></div></div></body></html>`;
}

function save(html: string): string {
  const dir = tempDir({ 'page.html': html }, false);
  return join(dir, 'page.html');
}

interface JsonReport {
  page: string | null;
  facts: Record<string, unknown>;
  fields: { fact: string; region: string; status: string; label?: string; text?: string }[];
}

async function json(...args: string[]): Promise<{ code: number; report: JsonReport }> {
  const run = await cli('pages', 'check', ...args, '--format', 'json');
  expect(run.err).toBe('');
  return { code: run.code, report: JSON.parse(run.out) as JsonReport };
}

describe('policylens pages check', () => {
  test('reads a saved overview into the facts, help icons and decorations and all: exit 0', async () => {
    const { code, report } = await json(save(overview()), '--url', OVERVIEW_URL);
    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual(['page', 'facts', 'fields']);
    expect(report.page).toBe('overview');
    expect(report.facts).toEqual({
      account: {
        name: 'yunqi-tech',
        realName: {
          status: 'verified',
          type: 'enterprise',
          entityName: '云启科技（深圳）有限公司',
        },
        freeze: 'none',
        statusText: '正常',
        email: { bound: false },
        linkedTier1Distributor: false,
      },
      partner: {
        hcpn: { status: 'joined' },
        programs: { solutionProvider: 'none', reseller: 'applying', coExpansion: 'expired' },
        contractEntity: 'hcc',
      },
    });
    expect(report.fields.every((f) => f.status === 'found')).toBe(true);
    const hcpn = report.fields.find((f) => f.fact === 'partner.hcpn.status');
    expect(hcpn).toMatchObject({ label: '伙伴状态', text: '已入驻' });
    const topBar = report.fields.find((f) => f.region === 'top-bar');
    expect(topBar).toMatchObject({ fact: 'account.name', status: 'found', text: 'yunqi-tech' });
  });

  test('the text report names the page, each field and the facts', async () => {
    const run = await cli('pages', 'check', save(overview()), '--url', OVERVIEW_URL);
    expect(run.code).toBe(0);
    expect(run.out).toContain('page: overview (heading "总览")');
    expect(run.out).toMatch(/ok\s+partner\.hcpn\.status\s+伙伴状态: "已入驻" -> joined/u);
    expect(run.out).toContain('"entityName": "云启科技（深圳）有限公司"');
    expect(run.out).toContain('13 of 13 fields found');
  });

  test('a missing label, a placeholder and an unlisted text each fail the check: exit 1', async () => {
    const page = overview({ 签约主体: '--', 账号状态: '维护中' }).replace(
      '<th>邮箱</th>',
      '<th>电子邮箱</th>',
    );
    const { code, report } = await json(save(page), '--url', OVERVIEW_URL);
    expect(code).toBe(1);
    const status = Object.fromEntries(
      report.fields.map((f) => [`${f.fact}@${f.region}`, f.status]),
    );
    expect(status).toMatchObject({
      'account.email.bound@page': 'missing',
      'partner.contractEntity@page': 'placeholder',
      'account.freeze@page': 'unmatched',
      'partner.hcpn.status@page': 'found',
    });
    // A placeholder is never a value: "--" does not make the contracting entity "other".
    expect(report.facts).not.toHaveProperty('partner.contractEntity');
    const text = await cli('pages', 'check', save(page), '--url', OVERVIEW_URL);
    expect(text.out).toMatch(
      /MISSING\s+account\.email\.bound\s+no label 邮箱 \| Email on the page/u,
    );
    expect(text.out).toMatch(
      /WAITING\s+partner\.contractEntity\s+签约主体: "--" is a placeholder/u,
    );
    expect(text.out).toMatch(
      /UNKNOWN\s+account\.freeze\s+账号状态: "维护中" is none of 正常 \| Normal/u,
    );
  });

  test("the saved page's scripts do not run", async () => {
    const { report } = await json(save(overview()), '--url', OVERVIEW_URL);
    expect(report.page).toBe('overview');
  });

  test('a flow page: the unlabelled account needs a name seen before (--account)', async () => {
    const page = `<html lang="en"><body>${TOP_BAR.replace('华为云 | 伙伴中心', 'Huawei Cloud')}
      <main><h2>Withdraw</h2><form>
      <table><tr><th>Invoiced amount <i title="Invoices not returned">?</i></th><td>¥1,200.00</td></tr></table>
      <div><label for="s">Fund source</label><select id="s"><option>Please select</option><option selected>Alipay</option></select></div>
      <div><label for="h">Account holder name</label><input id="h" value=""></div>
      <div><span>* Withdrawal amount:</span><div><input value="300"></div></div>
      </form></main></body></html>`;
    const file = save(page);
    const without = await json(file, '--url', WITHDRAW_URL);
    expect(without.code).toBe(1);
    expect(without.report.fields.find((f) => f.region === 'top-bar')?.status).toBe('missing');
    const run = await cli('pages', 'check', file, '--url', WITHDRAW_URL);
    expect(run.out).toContain('account: not recognised (the top bar shows no name seen before');
    expect(run.out).toContain('top bar: Huawei Cloud | 费用 | yunqi-tech');

    const withName = await json(file, '--url', WITHDRAW_URL, '--account', 'yunqi-tech');
    expect(withName.code).toBe(0);
    expect(withName.report.facts).toEqual({
      account: { name: 'yunqi-tech' },
      funds: { invoicedAmount: 1200 },
      form: { withdraw: { fundSource: 'alipay', amount: 300 } },
    });
    // The empty holder-name box is found, with nothing typed yet.
    expect(withName.report.fields.find((f) => f.fact === 'form.withdraw.holderName')?.status).toBe(
      'empty',
    );
  });

  test('no page map fits, or its heading is not there: page null, exit 1', async () => {
    const file = save(overview());
    const other = await json(file, '--url', 'https://example.org/#/obmgr/index');
    expect(other).toMatchObject({ code: 1, report: { page: null, facts: {}, fields: [] } });
    const run = await cli('pages', 'check', file, '--url', WITHDRAW_URL);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'funds.withdraw: its route fits, but none of its headings is on the page: 提现 | Withdraw',
    );
  });

  test.each([
    [['pages'], 'missing the action'],
    [['pages', 'fix', 'x.html', '--url', OVERVIEW_URL], 'unknown action "fix"'],
    [['pages', 'check', '--url', OVERVIEW_URL], 'missing the saved page'],
    [['pages', 'check', 'page.html'], 'missing --url'],
    [['pages', 'check', 'page.html', '--url', 'account.huaweicloud.com/obmgr/'], 'absolute'],
    [['pages', 'check', 'page.html', '--url', 'file:///etc/passwd'], 'http(s)'],
    [['pages', 'check', 'no-such-page.html', '--url', OVERVIEW_URL], 'no such file'],
    [['pages', 'check', 'page.html', '--url', OVERVIEW_URL, '--format', 'xml'], '--format'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const file = save(overview());
    const run = await cli(...argv.map((a) => (a === 'page.html' ? file : a)));
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });

  test('--help says what it does and its exit codes', async () => {
    const run = await cli('pages', '--help');
    expect(run.code).toBe(0);
    expect(run.out).toContain('policylens pages check FILE.html --url URL');
    expect(run.out).toContain('Exit: 0');
  });
});

describe('every other command stays fast', () => {
  const ROOT = resolve(import.meta.dirname, '../../..');

  /** Files cli/main.ts loads before any command runs: its static imports, transitively. */
  function staticImports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gmu)) {
      if (spec?.startsWith('.')) staticImports(resolve(dirname(file), spec), seen);
      else if (spec) seen.add(spec);
    }
    return seen;
  }

  test('neither happy-dom nor the reading code is loaded unless pages check runs', () => {
    for (const entry of ['cli/bin.ts', 'cli/main.ts', 'cli/pages.ts']) {
      const loaded = [...staticImports(join(ROOT, entry))].map((f) =>
        f.startsWith(ROOT) ? f.slice(ROOT.length + 1) : f,
      );
      expect(loaded, entry).toContain(entry);
      expect(
        loaded.filter((f) => f === 'happy-dom' || f.startsWith('extension/')),
        entry,
      ).toEqual([]);
    }
  });
});
