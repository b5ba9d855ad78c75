// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledPageMap } from '../../../engine/pages.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import { extractFacts, type FieldCheck } from '../../../extension/dom/extract.ts';
import { isPlaceholder, normalizeLabel } from '../../../extension/text.ts';

// What consoles put around labels and values (shared/domain.md section 5): help icons,
// tooltip triggers, required stars and colons in a label; status icons, tags and trailing
// links in a value; placeholders before the data. None of it may turn into a false fact.

let pages: Map<string, CompiledPageMap>;

beforeAll(() => {
  pages = new Map(compileBundle(process.cwd()).bundle!.pageMaps.map((p) => [p.id, p]));
});

function read(html: string, pageId = 'overview') {
  document.body.innerHTML = html;
  return extractFacts(document, pages.get(pageId)!.fields);
}

function check(html: string, fact: string, pageId = 'overview'): FieldCheck {
  const found = read(html, pageId).checks.find((c) => c.field.fact === fact && !c.field.region);
  if (!found) throw new Error(`no check for ${fact}`);
  return found;
}

/** One overview row in each of the markups consoles use, its label cell given as HTML. */
const ROW_MARKUPS: [string, (label: string, value: string) => string][] = [
  ['table row', (l, v) => `<table><tr><th>${l}</th><td>${v}</td></tr></table>`],
  ['description list', (l, v) => `<dl><dt>${l}</dt><dd>${v}</dd></dl>`],
  [
    'label cell and value cell',
    (l, v) => `<div class="item"><div class="item__label">${l}</div><div>${v}</div></div>`,
  ],
  ['label span, value span', (l, v) => `<p><span>${l}</span><span>${v}</span></p>`],
];

describe('label decorations', () => {
  const LABELS: [string, string][] = [
    ['a "?" help icon with a title, then a colon', '伙伴状态<i class="help" title="说明">?</i>：'],
    ['an ⓘ glyph', '伙伴状态 <span class="icon">ⓘ</span>'],
    ['an ⓘ in the label text itself', '伙伴状态ⓘ:'],
    ['an icon-font glyph', '伙伴状态<i class="iconfont">\ue6a3</i>'],
    [
      'an SVG tooltip trigger with its hidden bubble',
      '伙伴状态<span tabindex="0" aria-describedby="t1"><svg viewBox="0 0 16 16"><circle r="7"></circle></svg>' +
        '<span role="tooltip" id="t1" hidden>加入华为云合作伙伴网络的状态</span></span>：',
    ],
    ['an empty icon element with a tooltip', '伙伴状态<span class="q" data-tooltip="说明"></span>'],
    ['a required star element', '<span class="req">*</span> 伙伴状态：'],
    ['a star and a help icon', '* 伙伴状态 <i title="?">?</i> :'],
  ];
  for (const [markup, row] of ROW_MARKUPS) {
    test.each(LABELS)(`${markup}: %s`, (_, label) => {
      const c = check(row(label, '已入驻'), 'partner.hcpn.status');
      expect(c).toMatchObject({ status: 'found', label: '伙伴状态', text: '已入驻' });
      expect(c.facts).toEqual({ 'partner.hcpn.status': 'joined' });
    });
  }

  test('a help icon in a form label still finds its control', () => {
    const facts = read(
      `<div class="form-item"><label for="h">开户名<i class="help" title="须与实名认证主体一致">?</i></label>
       <div><input id="h" value="云启科技（深圳）有限公司"></div></div>
       <div class="form-item"><div class="label">提现金额 ⓘ</div><div><input value="1,000"></div></div>`,
      'funds.withdraw',
    ).facts;
    expect(facts['form.withdraw.holderName']).toBe('云启科技（深圳）有限公司');
    expect(facts['form.withdraw.amount']).toBe(1000);
  });

  test('normalizeLabel drops stars, help marks and colons of either width', () => {
    expect(normalizeLabel('* 发票类型 ⓘ：')).toBe('发票类型');
    expect(normalizeLabel('Partner status (?)')).not.toBe('partner status');
    expect(normalizeLabel('Partner status ?:')).toBe('partner status');
    expect(normalizeLabel('伙伴状态\ue6a3')).toBe('伙伴状态');
  });

  test('a label with words beside it is not the label (no loosening)', () => {
    const c = check(`<dl><dt>伙伴状态说明</dt><dd>已入驻</dd></dl>`, 'partner.hcpn.status');
    expect(c.status).toBe('missing');
  });

  test("a tooltip's bubble that reads like a label is not one", () => {
    const c = check(
      `<div><span>状态<span role="tooltip">伙伴状态</span></span><span>已入驻</span></div>`,
      'partner.hcpn.status',
    );
    expect(c.status).toBe('missing');
  });
});

describe('what a style hides', () => {
  test("a CSS-only tooltip's bubble inside a label, digits and all, is neither label nor value", () => {
    const html = `<style>.tip-text { display: none }</style>
      <div class="row"><div class="label">已开票金额<span class="tip">?<span class="tip-text">开票后 3 个工作日内可退票</span></span>：</div>
      <div class="value">¥1,200.00</div></div>`;
    expect(read(html, 'funds.withdraw').facts['funds.invoicedAmount']).toBe(1200);
  });

  test('a hidden part of a value, or a hidden element between label and value, is not read', () => {
    const facts = read(
      `<style>.short { display: none } .ghost { visibility: hidden }</style>
      <p><span>认证主体</span><span class="note" style="display: none">须与开户名一致</span>
      <span>云启科技（深圳）有限公司<span class="short">云启科技</span></span></p>
      <p><span>账号状态</span><span><span class="ghost">已冻结（欠费）</span>正常</span></p>`,
    ).facts;
    expect(facts['account.realName.entityName']).toBe('云启科技（深圳）有限公司');
    expect(facts['account.freeze']).toBe('none');
  });
});

describe('value decorations', () => {
  test.each([
    ['a status icon before it', '<span class="ok">✓</span> 已认证（企业）'],
    ['a ✓ in the text', '✓ 已认证（企业）'],
    ['a trailing link', '已认证（企业） <a href="#">查看详情</a>'],
    [
      'an icon and a trailing link',
      '<i class="icon-ok"></i>✓ 已认证（企业） <a href="#">查看详情</a>',
    ],
    ['a trailing button', '已认证（企业）<button type="button">重新认证</button>'],
    ['a tag', '<span class="el-tag el-tag--success">已认证（企业）</span>'],
    ['an SVG icon', '<svg><path d="M0 0"></path></svg>已认证（企业）'],
  ])('real-name status with %s', (_, value) => {
    for (const [, row] of ROW_MARKUPS) {
      const facts = read(row('实名认证', value)).facts;
      expect(facts).toMatchObject({
        'account.realName.status': 'verified',
        'account.realName.type': 'enterprise',
      });
    }
  });

  test('an English value with a trailing "View" link', () => {
    const facts = read(
      `<dl><dt>Real-name verification</dt><dd>Verified (individual) <a href="#">View</a></dd></dl>`,
    ).facts;
    expect(facts['account.realName.type']).toBe('individual');
  });

  test('a string value leaves out its tag, status icon and trailing link', () => {
    const c = check(
      `<dl><dt>认证主体</dt><dd><span class="ok">✓</span>云启科技（深圳）有限公司
       <span class="ant-tag">企业</span> <a href="#">查看详情</a></dd></dl>`,
      'account.realName.entityName',
    );
    expect(c.facts).toEqual({ 'account.realName.entityName': '云启科技（深圳）有限公司' });
  });

  test('a value that is only a link keeps its text', () => {
    const facts = read(
      `<table><tr><th>签约主体</th><td><a href="#">华为云计算技术有限公司</a></td></tr></table>`,
    ).facts;
    expect(facts['partner.contractEntity']).toBe('hcc');
  });

  test('a decorated text that is no listed value is still no fact', () => {
    const c = check(
      `<dl><dt>账号状态</dt><dd>✓ 维护中 <a href="#">查看详情</a></dd></dl>`,
      'account.freeze',
    );
    expect(c).toMatchObject({ status: 'unmatched', text: '维护中', facts: {} });
  });

  test('a listed text inside a longer word is no match', () => {
    expect(read(`<dl><dt>账号状态</dt><dd>正常化处理中</dd></dl>`).facts).not.toHaveProperty(
      'account.freeze',
    );
    expect(read(`<dl><dt>邮箱</dt><dd>未绑定邮箱地址</dd></dl>`).facts).not.toHaveProperty(
      'account.email.bound',
    );
  });
});

describe('placeholders', () => {
  test.each(['--', '-', '—', '－－', '...', '…', 'N/A', '暂无', '加载中…', 'Loading...'])(
    '"%s" is a placeholder',
    (text) => expect(isPlaceholder(text)).toBe(true),
  );

  test.each(['0', '否', 'No', '正常', '-5', '¥0.00', 'a-b'])('"%s" is not', (text) =>
    expect(isPlaceholder(text)).toBe(false),
  );

  test.each([
    ['dashes', '--'],
    ['one dash', '-'],
    ['an em dash', '—'],
    ['a skeleton', '<span class="el-skeleton"><span class="el-skeleton__item"></span></span>'],
    ['a busy region', '<span aria-busy="true">华为软件技术有限公司</span>'],
  ])('%s: no fact, even for a field whose any other text means "other"', (_, value) => {
    for (const [, row] of ROW_MARKUPS) {
      const c = check(row('签约主体', value), 'partner.contractEntity');
      expect(c.status).toBe('placeholder');
      expect(c.facts).toEqual({});
    }
  });

  test('a placeholder is never an account name, an entity or an amount', () => {
    const result = read(
      `<div class="info"><span>账号名：</span><span>--</span></div>
       <div class="info"><span>认证主体：</span><span>-</span></div>`,
    );
    expect(result.facts).not.toHaveProperty('account.name');
    expect(result.facts).not.toHaveProperty('account.realName.entityName');
    const withdraw = read(
      `<table><tr><th>已开票金额</th><td>--</td></tr></table>`,
      'funds.withdraw',
    );
    expect(withdraw.facts).not.toHaveProperty('funds.invoicedAmount');
  });

  test('an empty value cell waits for its data; it never takes the next row', () => {
    for (const html of [
      `<dl><dt>账号名</dt><dd></dd><dt>实名认证</dt><dd>已认证（企业）</dd></dl>`,
      `<div class="row"><span>账号名：</span><span></span></div>
       <div class="row"><span>实名认证：</span><span>已认证（企业）</span></div>`,
      `<table><tr><th>账号名</th><td></td></tr><tr><th>实名认证</th><td>已认证（企业）</td></tr></table>`,
    ]) {
      const result = read(html);
      expect(result.facts, html).not.toHaveProperty('account.name');
      expect(result.facts['account.realName.status'], html).toBe('verified');
    }
  });

  test('the data replaces the placeholder: the same cell then gives the fact', () => {
    document.body.innerHTML = `<dl><dt>伙伴状态<i title="说明">?</i></dt><dd><span id="v">--</span></dd></dl>`;
    const fields = pages.get('overview')!.fields;
    expect(extractFacts(document, fields).facts).not.toHaveProperty('partner.hcpn.status');
    document.getElementById('v')!.textContent = '入驻申请中';
    expect(extractFacts(document, fields).facts['partner.hcpn.status']).toBe('applying');
  });

  test('a control showing its prompt is empty, not unmatched', () => {
    const c = check(
      `<div><label>资金来源</label><div><div role="combobox"><span>请选择</span></div></div></div>`,
      'form.withdraw.fundSource',
      'funds.withdraw',
    );
    expect(c.status).toBe('empty');
  });
});
