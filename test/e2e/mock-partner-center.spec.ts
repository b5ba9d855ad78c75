import type { Page } from '@playwright/test';
import {
  CERTIFICATION_URL,
  FLOW_IDS,
  LANGS,
  expect,
  flowPage,
  findField,
  flowUrl,
  loadId,
  navigateInApp,
  openFlow,
  pageSubmissions,
  readField,
  readTextBeside,
  selectField,
  setCheckedField,
  fillField,
  submitForm,
  switchAccount,
  test,
  waitForMockPage,
  type FlowId,
  type Lang,
  type MockState,
} from './fixtures.ts';

// The mock Partner Center is the ground the extension is proven on: these tests pin it to
// shared/domain.md section 5 (routes, headings, label and value texts, in both languages)
// and check that the harness can drive every field the way a user would. They run without
// the extension: what they test is the page and the harness, not the overlay.

test.use({ withExtension: false });

type Texts = Record<Lang, string>;

type FieldCheck =
  | { label: Texts; kind: 'text'; value: string }
  | { label: Texts; kind: 'options'; options: Texts[] }
  | { label: Texts; kind: 'checkbox' };

const zhEn = (zh: string, en: string): Texts => ({ 'zh-CN': zh, en });

const INVOICE_TYPES = [
  zhEn('增值税普通发票', 'VAT general invoice'),
  zhEn('增值税专用发票', 'VAT special invoice'),
];
const TITLE_TYPES = [
  zhEn('企业', 'Enterprise'),
  zhEn('个人', 'Individual'),
  zhEn('组织', 'Organization'),
];

/** Form fields of domain.md section 5, by the page that shows them. */
const FORM_FIELDS: Partial<Record<FlowId, FieldCheck[]>> = {
  'co-expansion.join': [
    {
      label: zhEn(
        '我已阅读并同意《华为云合作伙伴共拓计划条款及条件》',
        'I have read and agree to the Partner Co-Expansion Program Terms and Conditions',
      ),
      kind: 'checkbox',
    },
    {
      label: zhEn(
        '我承诺满足商机管理相关要求',
        'I commit to the opportunity management requirements',
      ),
      kind: 'checkbox',
    },
  ],
  'invoice.request': [
    {
      label: zhEn('账期', 'Billing period'),
      kind: 'options',
      options: [zhEn('2025-11', '2025-11')],
    },
    {
      label: zhEn('开票方式', 'Invoicing mode'),
      kind: 'options',
      options: [
        zhEn('按订单', 'By order'),
        zhEn('指定金额', 'By amount'),
        zhEn('按账期', 'By billing period'),
      ],
    },
    { label: zhEn('发票类型', 'Invoice type'), kind: 'options', options: INVOICE_TYPES },
    {
      label: zhEn('发票介质', 'Invoice medium'),
      kind: 'options',
      options: [
        zhEn('纸质发票', 'Paper'),
        zhEn('电子发票', 'Electronic'),
        zhEn('数电发票', 'Fully digital'),
      ],
    },
    { label: zhEn('抬头类型', 'Title type'), kind: 'options', options: TITLE_TYPES },
    { label: zhEn('发票抬头', 'Invoice title'), kind: 'text', value: 'Acme Cloud Ltd.' },
    { label: zhEn('开票金额', 'Invoice amount'), kind: 'text', value: '99.5' },
  ],
  'invoice.profile': [
    { label: zhEn('发票类型', 'Invoice type'), kind: 'options', options: INVOICE_TYPES },
    { label: zhEn('抬头类型', 'Title type'), kind: 'options', options: TITLE_TYPES },
    { label: zhEn('发票抬头', 'Invoice title'), kind: 'text', value: '华为(中国)有限公司' },
  ],
  'funds.withdraw': [
    {
      label: zhEn('资金来源', 'Fund source'),
      kind: 'options',
      options: [
        zhEn('个人网银', 'Personal online banking'),
        zhEn('企业网银', 'Corporate online banking'),
        zhEn('激励返充值', 'Incentive top-up'),
        zhEn('交易模式变更', 'Trade mode change'),
        zhEn('支付宝', 'Alipay'),
        zhEn('微信', 'WeChat Pay'),
      ],
    },
    {
      label: zhEn('开户名', 'Account holder name'),
      kind: 'text',
      value: '云启科技（深圳）有限公司',
    },
    { label: zhEn('提现金额', 'Withdrawal amount'), kind: 'text', value: '1200' },
  ],
};

/** Overview labels and the value texts the default mock state shows (domain.md section 5). */
const OVERVIEW_DEFAULTS: [Texts, Texts][] = [
  [zhEn('账号名', 'Account name'), zhEn('yunqi-tech', 'yunqi-tech')],
  [zhEn('实名认证', 'Real-name verification'), zhEn('已认证（企业）', 'Verified (enterprise)')],
  [
    zhEn('认证主体', 'Verified entity'),
    zhEn('云启科技（深圳）有限公司', '云启科技（深圳）有限公司'),
  ],
  [zhEn('账号状态', 'Account status'), zhEn('正常', 'Normal')],
  [zhEn('邮箱', 'Email'), zhEn('已绑定', 'Bound')],
  [zhEn('伙伴状态', 'Partner status'), zhEn('已入驻', 'Joined')],
  [zhEn('解决方案提供商', 'Solution Provider'), zhEn('未加入', 'Not joined')],
  [zhEn('云经销商', 'Cloud Reseller'), zhEn('未加入', 'Not joined')],
  [zhEn('合作伙伴共拓计划', 'Co-Expansion'), zhEn('未加入', 'Not joined')],
  [zhEn('关联一级经销商', 'Linked tier-1 distributor'), zhEn('否', 'No')],
  [
    zhEn('签约主体', 'Contracting entity'),
    zhEn('华为云计算技术有限公司', 'Huawei Cloud Computing Technologies Co., Ltd.'),
  ],
];

/** Other states and the value texts they show. */
const OVERVIEW_STATES: { state: MockState; shows: [Texts, Texts][] }[] = [
  {
    state: {
      account: {
        realName: { status: 'verified', type: 'individual' },
        freeze: 'arrears',
        email: { bound: false },
        linkedTier1Distributor: true,
      },
      partner: {
        hcpn: { status: 'applying' },
        programs: { solutionProvider: 'expired', reseller: 'applying', coExpansion: 'joined' },
        contractEntity: 'other',
      },
    },
    shows: [
      [zhEn('实名认证', 'Real-name verification'), zhEn('已认证（个人）', 'Verified (individual)')],
      [zhEn('账号状态', 'Account status'), zhEn('已冻结（欠费）', 'Frozen (arrears)')],
      [zhEn('邮箱', 'Email'), zhEn('未绑定', 'Not bound')],
      [zhEn('伙伴状态', 'Partner status'), zhEn('入驻申请中', 'Applying')],
      [zhEn('解决方案提供商', 'Solution Provider'), zhEn('已过期', 'Expired')],
      [zhEn('云经销商', 'Cloud Reseller'), zhEn('申请中', 'Applying')],
      [zhEn('合作伙伴共拓计划', 'Co-Expansion'), zhEn('已加入', 'Joined')],
      [zhEn('关联一级经销商', 'Linked tier-1 distributor'), zhEn('是', 'Yes')],
      [
        zhEn('签约主体', 'Contracting entity'),
        zhEn('华为软件技术有限公司', 'Huawei Software Technologies Co., Ltd.'),
      ],
    ],
  },
  {
    state: {
      account: { realName: { status: 'pending' }, freeze: 'closure' },
      partner: { hcpn: { status: 'rejected' } },
    },
    shows: [
      [zhEn('实名认证', 'Real-name verification'), zhEn('审核中', 'Under review')],
      [zhEn('账号状态', 'Account status'), zhEn('已冻结（账号关闭）', 'Frozen (closure)')],
      [zhEn('伙伴状态', 'Partner status'), zhEn('入驻被驳回', 'Rejected')],
    ],
  },
  {
    state: {
      account: { realName: { status: 'rejected' }, freeze: 'police' },
      partner: { hcpn: { status: 'none' } },
    },
    shows: [
      [zhEn('实名认证', 'Real-name verification'), zhEn('认证失败', 'Rejected')],
      [zhEn('账号状态', 'Account status'), zhEn('已冻结（公安）', 'Frozen (police)')],
      [zhEn('伙伴状态', 'Partner status'), zhEn('非合作伙伴', 'Not a partner')],
    ],
  },
  {
    state: { account: { realName: { status: 'unverified' }, freeze: 'violation' } },
    shows: [
      [zhEn('实名认证', 'Real-name verification'), zhEn('未认证', 'Not verified')],
      [zhEn('账号状态', 'Account status'), zhEn('已冻结（违规）', 'Frozen (violation)')],
    ],
  },
];

async function expectHeading(page: Page, flow: FlowId, lang: Lang): Promise<void> {
  await expect(
    page.getByRole('heading', { name: flowPage(flow).heading[lang], exact: true }),
  ).toBeVisible();
}

for (const lang of LANGS) {
  test.describe(`mock partner center (${lang})`, () => {
    for (const flow of FLOW_IDS) {
      test(`${flow}: heading, labels and controls`, async ({ page, partnerCenter }) => {
        await openFlow(page, partnerCenter, flow, { lang, state: {} });
        await expectHeading(page, flow, lang);
        // Every page shows the signed-in account at the top right of its top bar (a plain
        // <div> in the console, a <header> on the public site), with no label beside it.
        const header = page.locator(flow === 'certification.exam' ? '#app header' : '#cf-header');
        await expect(header.getByText('yunqi-tech', { exact: true })).toBeVisible();
        const box = await header.getByText('yunqi-tech', { exact: true }).boundingBox();
        expect(box?.x ?? 0).toBeGreaterThan(900);
        expect(await header.innerText()).not.toMatch(/账号|Account|Signed in/u);
        if (flow !== 'certification.exam') {
          expect(await page.locator('#app header, #app [role="banner"]').count()).toBe(0);
        }

        for (const field of FORM_FIELDS[flow] ?? []) {
          const label = field.label[lang];
          await findField(page, label);
          if (field.kind === 'text') {
            await fillField(page, label, field.value);
            expect(await readField(page, label)).toBe(field.value);
          } else if (field.kind === 'checkbox') {
            await setCheckedField(page, label, true);
            expect(await readField(page, label)).toBe('true');
            await setCheckedField(page, label, false);
            expect(await readField(page, label)).toBe('false');
          } else {
            for (const option of field.options) {
              await selectField(page, label, option[lang]);
              expect(await readField(page, label)).toBe(option[lang]);
            }
          }
        }
        if (flowPage(flow).submit) {
          await submitForm(page, flow, lang);
          await expect.poll(() => pageSubmissions(page)).toBe(1);
          const done =
            flow === 'certification.exam'
              ? zhEn('报名成功', 'Registered')
              : zhEn('提交成功', 'Submitted');
          await expect(page.getByRole('status')).toHaveText(done[lang]);
        }
      });
    }

    test('overview shows every fact value text of domain.md', async ({ page, partnerCenter }) => {
      await openFlow(page, partnerCenter, 'overview', { lang, state: {} });
      for (const [label, value] of OVERVIEW_DEFAULTS) {
        expect(await readTextBeside(page, label[lang]), label[lang]).toBe(value[lang]);
      }
      for (const { state, shows } of OVERVIEW_STATES) {
        await openFlow(page, partnerCenter, 'overview', { lang, state });
        for (const [label, value] of shows) {
          expect(await readTextBeside(page, label[lang]), label[lang]).toBe(value[lang]);
        }
      }
    });

    test('a null fact hides its row', async ({ page, partnerCenter }) => {
      await openFlow(page, partnerCenter, 'overview', {
        lang,
        state: { account: { email: { bound: null } }, partner: { contractEntity: null } },
      });
      await expect(page.getByText(lang === 'en' ? 'Account status:' : '账号状态：')).toBeVisible();
      await expect(page.getByText(lang === 'en' ? 'Email' : '邮箱', { exact: true })).toHaveCount(
        0,
      );
      await expect(
        page.getByText(lang === 'en' ? 'Contracting entity' : '签约主体', { exact: true }),
      ).toHaveCount(0);
    });

    test('read-only form values: period status, entities, invoiced amount, invoice medium, customer', async ({
      page,
      partnerCenter,
    }) => {
      const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
      await openFlow(page, partnerCenter, 'invoice.request', { lang, state: {} });
      expect(await readTextBeside(page, t('账期状态', 'Period status'))).toBe('--');
      await selectField(page, t('账期', 'Billing period'), '2025-11');
      expect(await readTextBeside(page, t('账期状态', 'Period status'))).toBe(
        t('欠费', 'In arrears'),
      );
      await selectField(page, t('账期', 'Billing period'), '2025-12');
      expect(await readTextBeside(page, t('账期状态', 'Period status'))).toBe(t('正常', 'Normal'));
      expect(await readTextBeside(page, t('签约主体数', 'Contracting entities'))).toBe('1');
      await selectField(page, t('开票方式', 'Invoicing mode'), t('按订单', 'By order'));
      expect(await readTextBeside(page, t('签约主体数', 'Contracting entities'))).toBe('0');
      await setCheckedField(page, t('选择订单 CS2510010001', 'Select order CS2510010001'), true);
      await setCheckedField(page, t('选择订单 CS2510030003', 'Select order CS2510030003'), true);
      expect(await readTextBeside(page, t('签约主体数', 'Contracting entities'))).toBe('2');

      await openFlow(page, partnerCenter, 'funds.withdraw', {
        lang,
        state: { funds: { invoicedAmount: 1200 } },
      });
      // The invoiced amount has a fetch of its own: `--` first.
      await expect
        .poll(() => readTextBeside(page, t('已开票金额', 'Invoiced amount')))
        .toBe('¥1,200.00');

      await openFlow(page, partnerCenter, 'invoice.return', { lang });
      await setCheckedField(page, t('选择发票 04400001', 'Select invoice 04400001'), true);
      expect(await readTextBeside(page, t('发票介质', 'Invoice medium'))).toBe(
        t('纸质发票', 'Paper'),
      );
      await setCheckedField(page, t('选择发票 04400003', 'Select invoice 04400003'), true);
      expect(await readTextBeside(page, t('发票介质', 'Invoice medium'))).toBe(
        t('数电发票', 'Fully digital'),
      );

      await openFlow(page, partnerCenter, 'customer.detail', {
        lang,
        state: {
          customer: {
            realName: { status: 'unverified' },
            accountInfoComplete: false,
            isSubCustomer: true,
          },
        },
      });
      expect(await readTextBeside(page, t('实名认证状态', 'Real-name status'))).toBe(
        t('未认证', 'Not verified'),
      );
      expect(await readTextBeside(page, t('账户信息', 'Account information'))).toBe(
        t('待完善', 'Incomplete'),
      );
      expect(await readTextBeside(page, t('客户类型', 'Customer type'))).toBe(
        t('子客户', 'Sub-customer'),
      );
    });
  });
}

test.describe('mock partner center: the single-page app', () => {
  test('the overview looks like the console: frame first, help icons, decorated values', async ({
    page,
    partnerCenter,
  }) => {
    partnerCenter.setState({ ui: { delayMs: { overview: 1500 } } });
    await page.goto(flowUrl({ flow: 'overview', lang: 'zh-CN' }));
    // The frame shows at once, with `--` where the data will be.
    expect(await readTextBeside(page, '账号名')).toBe('--');
    expect(await readTextBeside(page, '伙伴状态')).toBe('--');
    await waitForMockPage(page);
    expect(await readTextBeside(page, '账号名')).toBe('yunqi-tech');
    // Labels carry help icons: a "?" with a title, an ⓘ, an icon-font glyph, an SVG tooltip.
    const label = (text: string) =>
      page.locator('#app th, #app .info-item__label', { hasText: text });
    await expect(label('伙伴状态').locator('i[title]')).toHaveText('?');
    await expect(label('实名认证').locator('[title]')).toHaveText('\u24d8');
    await expect(label('关联一级经销商').locator('i')).toHaveText('\ue6a3');
    await expect(label('签约主体').locator('svg')).toBeVisible();
    // Values carry a status icon and a trailing link, a tag, a "bind" link.
    const realName = page.locator('#app .info-item', { hasText: '实名认证' });
    await expect(realName).toContainText('✓已认证（企业） 查看详情');
    await expect(
      page.locator('#app .info-item', { hasText: '认证主体' }).locator('.tag'),
    ).toHaveText('已认证（企业）');
  });

  test('routes change on hashchange without reloading the page', async ({
    page,
    partnerCenter,
  }) => {
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN', state: {} });
    const first = await loadId(page);
    await navigateInApp(page, 'invoice.request');
    await expectHeading(page, 'invoice.request', 'zh-CN');
    await page.goBack();
    await expectHeading(page, 'overview', 'zh-CN');
    await navigateInApp(page, 'customer.detail');
    await expectHeading(page, 'customer.detail', 'zh-CN');
    expect(await loadId(page)).toBe(first);
  });

  test('forms render late, after a fake fetch', async ({ page, partnerCenter }) => {
    partnerCenter.setState({ ui: { delayMs: { 'invoice.request': 1500 } } });
    await page.goto('https://account.huaweicloud.com/obmgr/#/obmgr/finance/invoice/apply');
    await expect(page.getByText('加载中…')).toBeVisible();
    await expect(page.getByRole('heading', { name: '索取发票' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: '索取发票' })).toBeVisible({ timeout: 5000 });
    await findField(page, '发票类型');
  });

  test('language follows the host and ?locale=', async ({ page }) => {
    const cases: [string, Lang][] = [
      ['https://account.huaweicloud.com/obmgr/#/obmgr/index', 'zh-CN'],
      ['https://account-intl.huaweicloud.com/obmgr/#/obmgr/index', 'en'],
      ['https://account.huaweicloud.com/obmgr/?locale=en-us#/obmgr/index', 'en'],
      ['https://account-intl.huaweicloud.com/obmgr/?locale=zh-cn#/obmgr/index', 'zh-CN'],
      [CERTIFICATION_URL, 'zh-CN'],
      [`${CERTIFICATION_URL}?locale=en-us`, 'en'],
      [CERTIFICATION_URL.replace('.com/partners', '.com/intl/en-us/partners'), 'en'],
    ];
    for (const [url, lang] of cases) {
      await page.goto(url);
      await expect(page.locator('html'), url).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        lang === 'en' ? /^(Overview|Certification)$/ : /^(总览|认证)$/,
      );
    }
  });

  test('the top bar switches accounts without leaving the page; the data follows later', async ({
    page,
    partnerCenter,
  }) => {
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'en',
      state: {
        account: { name: 'alpha-co' },
        otherAccounts: [{ account: { name: 'beta-co', realName: { status: 'unverified' } } }],
        ui: { switchDelayMs: 1500 },
      },
    });
    const trigger = page.locator('#app [aria-haspopup="menu"]');
    await trigger.click();
    await page.getByRole('menuitem', { name: 'Switch account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'beta-co', exact: true }).click();
    // For a moment the top bar shows the new account and the page the last one's data.
    await expect(trigger).toContainText('beta-co');
    expect(await readTextBeside(page, 'Account name')).toBe('alpha-co');
    await expect.poll(() => readTextBeside(page, 'Account name')).toBe('beta-co');
    await waitForMockPage(page);
    expect(await readTextBeside(page, 'Real-name verification')).toBe('Not verified');
    await switchAccount(page, 'alpha-co', 'en');
    expect(await readTextBeside(page, 'Real-name verification')).toContain('Verified (enterprise)');
  });

  test('an unknown route shows the not-found page', async ({ page }) => {
    await page.goto('https://account.huaweicloud.com/obmgr/#/obmgr/nowhere');
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  });

  test('requests outside the mock are aborted and recorded', async ({ page, partnerCenter }) => {
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN', state: {} });
    expect(partnerCenter.unexpectedRequests).toEqual([]);
    const result = await page.evaluate(() =>
      fetch('https://example.org/collect').then(
        () => 'reached',
        () => 'blocked',
      ),
    );
    expect(result).toBe('blocked');
    expect(partnerCenter.unexpectedRequests.map((r) => r.url)).toEqual([
      'https://example.org/collect',
    ]);
  });
});
