// @vitest-environment happy-dom
import { render } from 'preact';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { PageCheck } from '../../../components/PageCheck.tsx';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import {
  checkPage,
  formatReport,
  isCheckPassed,
  maskReport,
  type PageCheckReport,
} from '../../../extension/page-check.ts';
import type { PackBundle } from '../../../extension/overlay.ts';

// The page check the popup opens: the same report as `policylens pages check`, shown field
// by field, and copied with the values read left out unless the partner includes them.

let bundle: PackBundle;
beforeAll(() => {
  bundle = compileBundle(process.cwd()).bundle!;
});

const OVERVIEW = 'https://account.huaweicloud.com/obmgr/#/obmgr/index';
const WITHDRAW = 'https://account.huaweicloud.com/obmgr/#/obmgr/finance/funds/withdraw';

function overviewPage(): void {
  document.body.innerHTML = `<div class="cf-header"><span>华为云</span>
    <div aria-haspopup="menu"><span>yunqi-tech</span></div></div>
    <main><h1>总览</h1><table>
    <tr><th>账号名</th><td>yunqi-tech</td></tr>
    <tr><th>实名认证<i title="?">?</i></th><td>✓ 已认证（企业） <a>查看详情</a></td></tr>
    <tr><th>认证主体</th><td>云启科技（深圳）有限公司</td></tr>
    <tr><th>签约主体</th><td>--</td></tr>
    <tr><th>账号状态</th><td>维护中</td></tr></table></main>`;
}

function report(): PageCheckReport {
  overviewPage();
  return checkPage(document, OVERVIEW, bundle.pageMaps);
}

describe('checkPage', () => {
  test('says which page matched, what each field gave, and the facts nested', () => {
    const r = report();
    expect(r.page).toBe('overview');
    expect(r.account).toBe('yunqi-tech');
    const byFact = Object.fromEntries(
      r.fields.filter((f) => f.region === 'page').map((f) => [f.fact, f]),
    );
    expect(byFact['account.realName.status']).toMatchObject({
      status: 'found',
      label: '实名认证',
      text: '已认证（企业）',
      values: { 'account.realName.status': 'verified', 'account.realName.type': 'enterprise' },
    });
    expect(byFact['partner.contractEntity']).toMatchObject({ status: 'placeholder', text: '--' });
    expect(byFact['account.freeze']).toMatchObject({ status: 'unmatched', text: '维护中' });
    expect(byFact['account.freeze']?.expected).toContain('已冻结（欠费）');
    expect(byFact['account.email.bound']).toMatchObject({ status: 'missing' });
    expect(byFact['account.email.bound']?.source).toMatch(/^rules\/pages\/console\.yaml:\d+:\d+$/u);
    expect(r.facts).toMatchObject({
      account: { name: 'yunqi-tech', realName: { status: 'verified', type: 'enterprise' } },
    });
    expect(isCheckPassed(r)).toBe(false);
  });

  test('no page map fits, or the heading is missing: which ones were tried', () => {
    overviewPage();
    const r = checkPage(document, WITHDRAW, bundle.pageMaps);
    expect(r).toMatchObject({ page: null, fields: [], facts: {} });
    expect(r.candidates).toEqual([{ id: 'funds.withdraw', headings: ['提现', 'Withdraw'] }]);
    expect(formatReport(r)).toContain('funds.withdraw: its route fits');
  });
});

describe('the copied report', () => {
  test('leaves out every text read, the account and free values; keeps labels and statuses', () => {
    const masked = maskReport(report(), bundle.pageMaps);
    const text = formatReport(masked);
    for (const secret of ['yunqi-tech', '云启科技', '维护中']) expect(text).not.toContain(secret);
    expect(text).toContain('account: ••• (the top bar shows the name');
    expect(text).toMatch(/ok\s+account\.realName\.status\s+实名认证: "•••" -> verified/u);
    expect(text).toMatch(/ok\s+account\.realName\.entityName\s+认证主体: "•••" -> •••/u);
    expect(masked.facts).toMatchObject({
      account: { name: '•••', realName: { status: 'verified', entityName: '•••' } },
    });
    expect(masked.url).toBe(OVERVIEW);
  });

  test("the address's query after the route is masked too (a customer's id)", () => {
    const r = {
      ...report(),
      url: `${OVERVIEW.replace('index', 'sales/customer/detail')}?customerId=C1`,
    };
    expect(maskReport(r, bundle.pageMaps).url).toMatch(/customerId=•••$/u);
  });
});

describe('the page check view', () => {
  test('shows each field, found or not, the text read and the value given', () => {
    const r = report();
    const actions = { onAgain: vi.fn(), onCopy: vi.fn(), onIncludeValues: vi.fn() };
    const root = document.body.appendChild(document.createElement('div'));
    render(
      <PageCheck
        lang="en"
        report={r}
        pageTitle="Overview"
        vocabulary={bundle.pack.facts}
        reportText={formatReport(maskReport(r, bundle.pageMaps))}
        includeValues={false}
        actions={actions}
      />,
      root,
    );
    const row = (fact: string) =>
      root.querySelector(`tr[data-fact="${fact}"][data-region="page"]`)!;
    expect(row('account.realName.status').getAttribute('data-status')).toBe('found');
    expect(row('account.realName.status').textContent).toContain('已认证（企业）');
    expect(row('account.realName.status').textContent).toContain('Verified · Enterprise');
    expect(row('partner.contractEntity').textContent).toContain('waiting for data');
    expect(row('account.email.bound').textContent).toContain('not found');
    expect(root.querySelector('[data-policylens="page-check-account"]')?.textContent).toContain(
      'Signed-in account: yunqi-tech',
    );
    const shown = root.querySelector('[data-policylens="page-check-report"]')!.textContent!;
    expect(shown).not.toContain('yunqi-tech');
    root.querySelector<HTMLButtonElement>('[data-action="copy-report"]')!.click();
    expect(actions.onCopy).toHaveBeenCalledOnce();
    const include = root.querySelector<HTMLInputElement>('[data-action="include-values"]')!;
    include.click();
    expect(actions.onIncludeValues).toHaveBeenCalledWith(true);
  });

  test('in Chinese, and with no Partner Center page to check', () => {
    const root = document.createElement('div');
    const actions = { onAgain: vi.fn(), onCopy: vi.fn(), onIncludeValues: vi.fn() };
    render(
      <PageCheck
        lang="zh-CN"
        report={null}
        vocabulary={bundle.pack.facts}
        reportText=""
        includeValues={false}
        actions={actions}
      />,
      root,
    );
    expect(root.querySelector('[data-state="no-tab"]')?.textContent).toContain(
      '没有可检查的伙伴中心页面',
    );
  });
});
