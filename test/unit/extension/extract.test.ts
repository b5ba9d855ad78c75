// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledPageMap, PageField } from '../../../engine/pages.ts';
import { extractFacts } from '../../../extension/dom/extract.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';

// Fact extraction from DOM snippets: every label form shared/domain.md section 5 lists,
// every kind of control, and the value texts of the page maps in rules/pages/.

let pages: Map<string, CompiledPageMap>;

beforeAll(() => {
  const { bundle, diagnostics } = compileBundle(process.cwd());
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pages = new Map(bundle!.pageMaps.map((p) => [p.id, p]));
});

function fieldsOf(pageId: string): PageField[] {
  const page = pages.get(pageId);
  if (!page) throw new Error(`no page map ${pageId}`);
  return page.fields;
}

function read(html: string, pageId: string) {
  document.body.innerHTML = html;
  return extractFacts(document, fieldsOf(pageId));
}

function factsOf(html: string, pageId: string) {
  return read(html, pageId).facts;
}

describe('label forms', () => {
  test('<label for> names the control it points at', () => {
    const facts = factsOf(
      `<div><label for="t">发票抬头</label><div><input id="t" value="云启科技（深圳）有限公司"></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.title']).toBe('云启科技（深圳）有限公司');
    expect(read(document.body.innerHTML, 'invoice.request').fields[0]?.form).toBe('label-for');
  });

  test('a wrapping <label> names the control inside it', () => {
    const result = read(
      `<label><span>Account holder name</span><input value="Yunqi Tech"></label>`,
      'funds.withdraw',
    );
    expect(result.facts['form.withdraw.holderName']).toBe('Yunqi Tech');
    expect(result.fields.find((f) => f.field.fact === 'form.withdraw.holderName')?.form).toBe(
      'label-wrap',
    );
  });

  test('aria-label names a control with no visible label', () => {
    const result = read(
      `<div><div></div><input aria-label="开票金额" value="1,280.50"></div>`,
      'invoice.request',
    );
    expect(result.facts['form.invoice.amount']).toBe(1280.5);
    expect(result.fields[0]?.form).toBe('aria-label');
  });

  test("aria-labelledby names a control that is not the label's neighbour", () => {
    const result = read(
      `<div class="grid-row"><div id="l1">发票抬头</div><div title="hint">?</div>
       <div><input aria-labelledby="l1" value="华为（中国）有限公司"></div></div>`,
      'invoice.request',
    );
    expect(result.facts['form.invoice.title']).toBe('华为（中国）有限公司');
    expect(result.fields[0]?.form).toBe('aria-labelledby');
  });

  test('a label cell <div> beside the control cell (TinyUI-like)', () => {
    const facts = factsOf(
      `<div class="ti3-form-item"><div class="ti3-form-label">Withdrawal amount</div>
       <div class="ti3-form-control"><input value="3,000"></div></div>`,
      'funds.withdraw',
    );
    expect(facts['form.withdraw.amount']).toBe(3000);
  });

  test('a <label> without for, as a label cell (Element-UI-like)', () => {
    const facts = factsOf(
      `<div class="el-form-item is-required"><label class="el-form-item__label">账期</label>
       <div class="el-form-item__content"><select><option value="">请选择</option>
       <option value="2025-11" selected>2025-11</option></select></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.period']).toBe('2025-11');
  });

  test('a required mark and a full-width colon around the label', () => {
    const facts = factsOf(
      `<div class="pc-row"><span class="pc-row__title"><i class="req">*</i>签约主体数：</span>
       <div class="pc-row__body"><span>2</span></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.contractEntities']).toBe(2);
  });

  test('a <legend> for a group of native radios', () => {
    const facts = factsOf(
      `<fieldset><legend>发票介质</legend><div>
        <label><input type="radio" name="m" value="paper"><span>纸质发票</span></label>
        <label><input type="radio" name="m" value="digital" checked><span>数电发票</span></label>
      </div></fieldset>`,
      'invoice.request',
    );
    expect(facts['form.invoice.medium']).toBe('digital');
  });

  test('read-only text beside its label: <span> pairs, <dt>/<dd>, <th>/<td>', () => {
    const facts = factsOf(
      `<main>
        <div class="info-item"><span>账号名：</span><span>yunqi-tech</span></div>
        <dl><dt>邮箱</dt><dd>未绑定</dd></dl>
        <table><tbody><tr><th scope="row">关联一级经销商</th><td>是</td></tr></tbody></table>
      </main>`,
      'overview',
    );
    expect(facts['account.name']).toBe('yunqi-tech');
    expect(facts['account.email.bound']).toBe(false);
    expect(facts['account.linkedTier1Distributor']).toBe(true);
  });

  test('description lists laid out vertically: a label row of <th>, the values in the row below', () => {
    // ant-descriptions / el-descriptions with layout="vertical", spans and all; the value is
    // never the next label beside it.
    const facts = factsOf(
      `<main><table><tbody>
        <tr><th colspan="1">账号名</th><th colspan="2"><span>认证主体</span><i class="el-icon"><svg></svg></i></th><th>邮箱</th></tr>
        <tr><td colspan="1">yunqi-tech</td><td colspan="2">云启科技（深圳）有限公司</td><td>未绑定 <a href="#">去绑定</a></td></tr>
        <tr><th>账号状态</th><th>生态经理</th></tr>
        <tr><td><span class="el-tag"><span class="el-tag__content">正常</span></span></td><td>暂无</td></tr>
      </tbody></table>
      <table><thead><tr><th>Partner status</th><th>Linked tier-1 distributor</th></tr></thead>
        <tbody><tr><td>Joined</td><td>No</td></tr></tbody></table>
      <table><tbody><tr><th>关联一级经销商</th><th>签约主体</th></tr></tbody></table></main>`,
      'overview',
    );
    expect(facts).toEqual({
      'account.name': 'yunqi-tech',
      'account.realName.entityName': '云启科技（深圳）有限公司',
      'account.email.bound': false,
      'account.freeze': 'none',
      'account.statusText': '正常',
      'partner.hcpn.status': 'joined',
      'account.linkedTier1Distributor': false,
    });
  });

  test('a value with an action link after it still maps to its value', () => {
    const facts = factsOf(
      `<dl><dt>Email</dt><dd>Not bound <a href="#">Bind now</a></dd></dl>`,
      'overview',
    );
    expect(facts['account.email.bound']).toBe(false);
  });

  test('label and value in one text run ("账号名：acme")', () => {
    const facts = factsOf(`<main><p>账号名：acme-partner</p></main>`, 'overview');
    expect(facts['account.name']).toBe('acme-partner');
  });

  test('a closed pop-up kept at the top of the body is not read; a collapsed section is', () => {
    const popup = `<div style="display: none"><ul><li>Partner status: Joined</li></ul></div>`;
    expect(
      factsOf(
        `<div id="app"><table><tr><td>Partner status</td><td>-</td></tr></table></div>${popup}`,
        'overview',
      ),
    ).not.toHaveProperty('partner.hcpn.status');
    expect(
      factsOf(
        `<div id="app"><div style="display: none"><div><span>Partner status</span><span>Joined</span></div></div></div>`,
        'overview',
      )['partner.hcpn.status'],
    ).toBe('joined');
  });

  test('labels in the side menu are not fields', () => {
    const facts = factsOf(
      `<nav><a href="#/x">云经销商</a><a href="#/y">已加入</a></nav>
       <main><div class="tile"><div>云经销商</div><div>申请中</div></div></main>`,
      'overview',
    );
    expect(facts['partner.programs.reseller']).toBe('applying');
  });
});

describe('the signed-in account in the header', () => {
  test('is read from the page header only, whatever its markup', () => {
    const facts = factsOf(
      `<header class="pc-header"><div class="pc-user"><span>账号</span>
        <button type="button" aria-haspopup="menu">yunqi-tech</button>
        <div role="menu" hidden><button role="menuitem">切换账号</button></div></div></header>
       <main><h2>申请加入云经销商计划</h2></main>`,
      'reseller.join',
    );
    expect(facts['account.name']).toBe('yunqi-tech');
  });

  test('an "Account" label outside the header is not the signed-in account', () => {
    const facts = factsOf(`<main><h3>Account</h3><p>Something else</p></main>`, 'reseller.join');
    expect(facts['account.name']).toBeUndefined();
  });
});

describe('controls', () => {
  test('a native checkbox in its <label> reads as true / false, never unknown', () => {
    const html = (checked: boolean) =>
      `<label class="ti3-checkbox"><span><input type="checkbox"${checked ? ' checked' : ''}><span></span></span>
       <span>我已阅读并同意<a href="#">《华为云合作伙伴共拓计划条款及条件》</a></span></label>`;
    expect(factsOf(html(false), 'co-expansion.join')['form.termsAccepted']).toBe(false);
    expect(factsOf(html(true), 'co-expansion.join')['form.termsAccepted']).toBe(true);
  });

  test('a span checkbox (role=checkbox) with its text beside it reads aria-checked', () => {
    const html = (checked: boolean) =>
      `<div class="agree-row"><span role="checkbox" aria-checked="${checked}" tabindex="0"></span>
       <span>I commit to the opportunity management requirements</span></div>`;
    expect(factsOf(html(false), 'co-expansion.join')['form.commitmentsAccepted']).toBe(false);
    expect(factsOf(html(true), 'co-expansion.join')['form.commitmentsAccepted']).toBe(true);
  });

  test('a checkbox whose own text is the label (role=checkbox around the text)', () => {
    const facts = factsOf(
      `<div role="checkbox" aria-checked="true">我承诺满足商机管理相关要求</div>`,
      'co-expansion.join',
    );
    expect(facts['form.commitmentsAccepted']).toBe(true);
  });

  test('a native <select> reads the selected option text', () => {
    const facts = factsOf(
      `<label for="s">Title type</label><select id="s"><option value="enterprise">Enterprise</option>
       <option value="individual" selected>Individual</option></select>`,
      'invoice.request',
    );
    expect(facts['form.invoice.titleType']).toBe('individual');
  });

  test('a div combobox shows its choice as text', () => {
    const facts = factsOf(
      `<div class="item"><div>发票类型</div><div><div role="combobox" aria-expanded="false">
       <span>增值税专用发票</span><span aria-hidden="true"></span></div></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.type']).toBe('vat-special');
  });

  test('a combobox input with its choice only in the listbox it controls', () => {
    const facts = factsOf(
      `<label for="c">资金来源</label><input id="c" role="combobox" aria-controls="lb" value="">
       <ul role="listbox" id="lb"><li role="option" aria-selected="false">支付宝</li>
       <li role="option" aria-selected="true">个人网银</li></ul>`,
      'funds.withdraw',
    );
    expect(facts['form.withdraw.fundSource']).toBe('personal-ebank');
  });

  test('a select view showing its choice beside an empty read-only search input (Arco)', () => {
    const facts = factsOf(
      `<div><label>发票类型</label><div><span class="arco-select-view" title="增值税专用发票">
       <input class="arco-select-view-input" readonly><span class="arco-select-view-value">增值税专用发票</span>
       <span class="arco-select-view-suffix"><svg></svg></span></span></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.type']).toBe('vat-special');
  });

  test("an empty read-only input reads only its own box, never the field's hint further out", () => {
    const facts = factsOf(
      `<div><label>发票类型</label><div><div><div><input readonly placeholder=""></div></div>
       <div>增值税专用发票</div></div></div>`,
      'invoice.request',
    );
    expect(facts).not.toHaveProperty('form.invoice.type');
  });

  test('a number box with no value attribute reads its aria-valuenow (a saved Vue page)', () => {
    const facts = factsOf(
      `<div><label>开票金额</label><div><span class="arco-input-number">
       <input role="spinbutton" aria-valuemin="0.01" aria-valuenow="12580"></span></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.amount']).toBe(12580);
  });

  test('a combobox still showing its placeholder gives no fact', () => {
    const facts = factsOf(
      `<div><label>资金来源</label><div><div role="combobox"><span class="is-placeholder">请选择</span></div></div></div>`,
      'funds.withdraw',
    );
    expect(facts).not.toHaveProperty('form.withdraw.fundSource');
  });

  test('a div radio group (role=radiogroup) reads the checked radio', () => {
    const facts = factsOf(
      `<div><div>开票方式</div><div><div role="radiogroup">
        <div role="radio" aria-checked="false"><span></span><span>按账期</span></div>
        <div role="radio" aria-checked="true"><span></span><span>按订单</span></div>
      </div></div></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.mode']).toBe('by-order');
  });

  test('a listbox (role=listbox) reads its selected option', () => {
    const facts = factsOf(
      `<div><span>Title type</span><ul role="listbox"><li role="option" aria-selected="true">Organization</li>
       <li role="option" aria-selected="false">Individual</li></ul></div>`,
      'invoice.request',
    );
    expect(facts['form.invoice.titleType']).toBe('organization');
  });

  test('a <textarea> and a contenteditable box read their text', () => {
    expect(
      factsOf(
        `<label>开户名<textarea>云启科技（深圳）有限公司</textarea></label>`,
        'funds.withdraw',
      )['form.withdraw.holderName'],
    ).toBe('云启科技（深圳）有限公司');
    expect(
      factsOf(
        `<div><span>开户名</span><div contenteditable="true">Yunqi</div></div>`,
        'funds.withdraw',
      )['form.withdraw.holderName'],
    ).toBe('Yunqi');
  });

  test('radios with nothing chosen and empty inputs give no fact (unknown, not false or zero)', () => {
    const facts = factsOf(
      `<fieldset><legend>Invoice medium</legend><label><input type="radio" name="m"> Paper</label></fieldset>
       <div><label for="a">Invoice amount</label><input id="a" value=""></div>`,
      'invoice.request',
    );
    expect(facts).not.toHaveProperty('form.invoice.medium');
    expect(facts).not.toHaveProperty('form.invoice.amount');
  });

  test('typing changes what is read', () => {
    document.body.innerHTML = `<label for="a">提现金额</label><input id="a" value="10">`;
    const input = document.getElementById('a') as HTMLInputElement;
    expect(extractFacts(document, fieldsOf('funds.withdraw')).facts['form.withdraw.amount']).toBe(
      10,
    );
    input.value = '2,500.75';
    expect(extractFacts(document, fieldsOf('funds.withdraw')).facts['form.withdraw.amount']).toBe(
      2500.75,
    );
  });
});

describe('value texts', () => {
  test('已认证（企业） gives both the status and the type; half-width brackets match too', () => {
    expect(factsOf(`<dl><dt>实名认证</dt><dd>已认证（企业）</dd></dl>`, 'overview')).toMatchObject({
      'account.realName.status': 'verified',
      'account.realName.type': 'enterprise',
    });
    expect(
      factsOf(`<dl><dt>Real-name verification</dt><dd>Verified (individual)</dd></dl>`, 'overview'),
    ).toMatchObject({
      'account.realName.status': 'verified',
      'account.realName.type': 'individual',
    });
    const pending = factsOf(`<dl><dt>实名认证</dt><dd>审核中</dd></dl>`, 'overview');
    expect(pending['account.realName.status']).toBe('pending');
    expect(pending).not.toHaveProperty('account.realName.type');
  });

  test.each([
    ['正常', 'none'],
    ['已冻结（账号关闭）', 'closure'],
    ['已冻结（欠费）', 'arrears'],
    ['Frozen (police)', 'police'],
    ['Frozen (violation)', 'violation'],
  ])('account status %s -> %s', (text, value) => {
    expect(
      factsOf(`<dl><dt>账号状态</dt><dd>${text}</dd></dl>`, 'overview')['account.freeze'],
    ).toBe(value);
  });

  test.each([
    ['已冻结（涉嫌欺诈）', '已冻结（涉嫌欺诈）'],
    ['已冻结', '已冻结'],
    ['Frozen (security risk)', 'Frozen (security risk)'],
  ])(
    'a freeze of a kind the map does not list, %s, is still a freeze, and its text is kept',
    (text, kept) => {
      const facts = factsOf(`<dl><dt>账号状态</dt><dd>${text}</dd></dl>`, 'overview');
      expect(facts['account.freeze']).toBe('other');
      expect(facts['account.statusText']).toBe(kept);
    },
  );

  test('a listed freeze keeps its own kind, however the page writes the parentheses', () => {
    const facts = factsOf(`<dl><dt>账号状态</dt><dd>已冻结(欠费) 查看详情</dd></dl>`, 'overview');
    expect(facts['account.freeze']).toBe('arrears');
  });

  test.each([
    ['非合作伙伴', 'none'],
    ['入驻申请中', 'applying'],
    ['Joined', 'joined'],
    ['入驻被驳回', 'rejected'],
  ])('partner status %s -> %s', (text, value) => {
    expect(
      factsOf(`<dl><dt>伙伴状态</dt><dd>${text}</dd></dl>`, 'overview')['partner.hcpn.status'],
    ).toBe(value);
  });

  test('program statuses in zh-CN and en', () => {
    const facts = factsOf(
      `<main><div><div>解决方案提供商</div><div>已过期</div></div>
       <div><div>Cloud Reseller</div><div>Joined</div></div>
       <div><div>Co-Expansion</div><div>Not joined</div></div></main>`,
      'overview',
    );
    expect(facts).toMatchObject({
      'partner.programs.solutionProvider': 'expired',
      'partner.programs.reseller': 'joined',
      'partner.programs.coExpansion': 'none',
    });
  });

  test('contracting entity: the HCC name is hcc, any other non-empty name is other', () => {
    expect(
      factsOf(`<dl><dt>签约主体</dt><dd>华为云计算技术有限公司</dd></dl>`, 'overview')[
        'partner.contractEntity'
      ],
    ).toBe('hcc');
    expect(
      factsOf(
        `<dl><dt>Contracting entity</dt><dd>Huawei Cloud Computing Technologies Co., Ltd.</dd></dl>`,
        'overview',
      )['partner.contractEntity'],
    ).toBe('hcc');
    expect(
      factsOf(`<dl><dt>签约主体</dt><dd>华为软件技术有限公司</dd></dl>`, 'overview')[
        'partner.contractEntity'
      ],
    ).toBe('other');
    expect(factsOf(`<dl><dt>签约主体</dt><dd> </dd></dl>`, 'overview')).not.toHaveProperty(
      'partner.contractEntity',
    );
  });

  test('a text the page map does not know gives no fact', () => {
    expect(factsOf(`<dl><dt>账号状态</dt><dd>维护中</dd></dl>`, 'overview')).not.toHaveProperty(
      'account.freeze',
    );
  });

  test('an unfrozen account is not read as frozen of another kind', () => {
    const facts = factsOf(`<dl><dt>账号状态</dt><dd>正常</dd></dl>`, 'overview');
    expect(facts['account.freeze']).toBe('none');
    expect(facts['account.statusText']).toBe('正常');
  });

  test.each([
    ['¥1,336.00', 1336],
    ['1 280.50 元', 1280.5],
    ['CNY 80', 80],
    ['0', 0],
  ])('invoiced amount %s -> %d', (text, value) => {
    expect(
      factsOf(`<table><tr><th>已开票金额</th><td>${text}</td></tr></table>`, 'funds.withdraw')[
        'funds.invoicedAmount'
      ],
    ).toBe(value);
  });

  test.each([
    ['2025-11', '2025-11'],
    ['2025/3', '2025-03'],
    ['2025年3月', '2025-03'],
  ])('billing period %s -> %s', (text, value) => {
    expect(
      factsOf(`<dl><dt>账期</dt><dd>${text}</dd></dl>`, 'invoice.request')['form.invoice.period'],
    ).toBe(value);
  });

  test('period status and customer facts map to booleans', () => {
    expect(
      factsOf(`<dl><dt>账期状态</dt><dd>欠费</dd></dl>`, 'invoice.request')[
        'form.invoice.periodInArrears'
      ],
    ).toBe(true);
    expect(
      factsOf(`<dl><dt>Period status</dt><dd>Normal</dd></dl>`, 'invoice.request')[
        'form.invoice.periodInArrears'
      ],
    ).toBe(false);
    expect(
      factsOf(
        `<dl><dt>实名认证状态</dt><dd>已认证</dd><dt>账户信息</dt><dd>待完善</dd><dt>客户类型</dt><dd>普通客户</dd></dl>`,
        'customer.detail',
      ),
    ).toMatchObject({
      'customer.realName.status': 'verified',
      'customer.accountInfoComplete': false,
      'customer.isSubCustomer': false,
    });
    expect(
      factsOf(`<dl><dt>Customer type</dt><dd>Sub-customer</dd></dl>`, 'customer.detail')[
        'customer.isSubCustomer'
      ],
    ).toBe(true);
  });
});
