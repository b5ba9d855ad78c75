// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { Options, type OptionsProps } from '../../../components/Options.tsx';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import type { AccountRecord } from '../../../extension/fact-store.ts';
import type { PackBundle } from '../../../extension/overlay.ts';
import { newestRuleDate } from '../../../extension/pack-info.ts';
import { DEFAULT_SETTINGS, SITES } from '../../../extension/settings.ts';
import { storedAccountViews } from '../../../extension/stored-data.ts';

// The options page's view from given data: stored facts per account with their page and age
// (stale ones marked), the forget-all confirm step, and the rule browser.

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 10, 12);

let bundle: PackBundle;
beforeAll(() => {
  bundle = compileBundle(process.cwd()).bundle!;
});

const records: AccountRecord[] = [
  {
    account: 'qinghe-trade',
    facts: { 'account.freeze': { value: 'arrears', page: 'overview', readAt: NOW - 3 * HOUR } },
    confirmations: {},
  },
  {
    account: 'yunqi-tech',
    facts: {
      'account.freeze': { value: 'none', page: 'overview', readAt: NOW - 30 * HOUR },
      'funds.invoicedAmount': { value: 1200, page: 'funds.withdraw', readAt: NOW - 5 * 60_000 },
    },
    confirmations: {
      'reseller.join.no-tier1-link': { page: 'reseller.join', confirmedAt: NOW - 2 * HOUR },
    },
  },
];

function show(props: Partial<OptionsProps> = {}) {
  const onForgetAll = vi.fn(async () => undefined);
  const lang = props.lang ?? 'en';
  render(
    <Options
      lang={lang}
      settings={DEFAULT_SETTINGS}
      sites={SITES}
      accounts={storedAccountViews(records, bundle, lang, NOW)}
      now={NOW}
      pack={bundle.pack}
      release={{ version: '0.1.0', hash: bundle.pack.version, builtOn: '2026-11-29' }}
      newestRuleDate={newestRuleDate(bundle.pack)}
      actions={{ onSiteChange: vi.fn(), onLangChange: vi.fn(), onForgetAll }}
      {...props}
    />,
    document.body,
  );
  return { onForgetAll };
}

const q = (selector: string) => document.querySelector(selector);
const row = (account: string, fact: string) =>
  q(`[data-account="${account}"] [data-fact="${fact}"]`);
const cell = (el: Element | null, column: string) =>
  el?.querySelector(`[data-column="${column}"]`)?.textContent;
const click = (selector: string) =>
  act(async () => {
    (q(selector) as HTMLButtonElement).click();
  });

afterEach(() => render(null, document.body));

describe('what is stored', () => {
  test('each account separately, each fact with its label, value, page and age', () => {
    show();
    const accounts = [...document.querySelectorAll('[data-account]')];
    expect(accounts.map((a) => a.querySelector('h3')?.textContent)).toEqual([
      'Account qinghe-trade',
      'Account yunqi-tech',
    ]);
    const frozen = row('qinghe-trade', 'account.freeze');
    expect(frozen?.querySelector('th')?.textContent).toBe('Account status account.freeze');
    expect(cell(frozen, 'value')).toBe('Frozen (arrears)');
    expect(cell(frozen, 'page')).toBe('Overview');
    expect(cell(frozen, 'age')).toBe('3 h ago');
    expect(frozen?.getAttribute('data-stale')).toBe('false');

    const invoiced = row('yunqi-tech', 'funds.invoicedAmount');
    // An amount reads as the console shows money.
    expect(cell(invoiced, 'value')).toBe('¥1,200.00');
    expect(cell(invoiced, 'page')).toBe(
      bundle.pack.flows.find((f) => f.id === 'funds.withdraw')?.title.en,
    );
    expect(cell(invoiced, 'age')).toBe('5 min ago');
    expect(row('qinghe-trade', 'funds.invoicedAmount')).toBeNull();
  });

  test('marks facts older than 24 hours stale, counted as unknown', () => {
    show();
    const old = row('yunqi-tech', 'account.freeze');
    expect(old?.getAttribute('data-stale')).toBe('true');
    expect(cell(old, 'age')).toBe('1 day ago stale, counted as unknown');
    expect(old?.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(NOW - 30 * HOUR).toISOString(),
    );
  });

  test('lists confirmations with the rule, its page and age', () => {
    show({ lang: 'zh-CN' });
    const confirmation = q('[data-account="yunqi-tech"] [data-confirmation]');
    expect(confirmation?.getAttribute('data-confirmation')).toBe('reseller.join.no-tier1-link');
    expect(cell(confirmation, 'page')).toBe('申请加入云经销商计划');
    expect(cell(confirmation, 'age')).toBe('2 小时前');
    expect(q('[data-account="qinghe-trade"] [data-table="confirmations"] td')?.textContent).toBe(
      '无',
    );
  });

  test('forgets everything only after the confirm step; cancel keeps it', async () => {
    const { onForgetAll } = show();
    await click('[data-action="forget-all"]');
    expect(q('[data-policylens="forget-all-confirm"]')?.textContent).toMatch(/of 2 accounts\?/);
    expect(document.activeElement?.getAttribute('data-action')).toBe('forget-all-cancel');
    await click('[data-action="forget-all-cancel"]');
    expect(onForgetAll).not.toHaveBeenCalled();
    expect(document.activeElement?.getAttribute('data-action')).toBe('forget-all');

    await click('[data-action="forget-all"]');
    await click('[data-action="forget-all-confirm"]');
    expect(onForgetAll).toHaveBeenCalledTimes(1);
    const status = q('[data-policylens="forget-all-status"]');
    expect(status?.textContent).toBe('Everything stored was forgotten.');
    expect(document.activeElement).toBe(status);
  });

  test('says when nothing is stored, and offers nothing to forget', () => {
    show({ accounts: [] });
    expect(q('[data-policylens="stored-data"] [data-state="empty"]')?.textContent).toBe(
      'Nothing is stored.',
    );
    expect(q('[data-action="forget-all"]')).toBeNull();
  });
});

describe('the settings', () => {
  test('one switch per site, and the language', () => {
    show({ settings: { disabledSites: ['www.huaweicloud.com'], lang: 'zh-CN' } });
    const switches = [...document.querySelectorAll<HTMLInputElement>('[data-site] input')];
    expect(
      switches.map((s) => [s.closest('[data-site]')?.getAttribute('data-site'), s.checked]),
    ).toEqual([
      ['account.huaweicloud.com', true],
      ['account-intl.huaweicloud.com', true],
      ['www.huaweicloud.com', false],
    ]);
    expect((q('input[value="zh-CN"]') as HTMLInputElement | null)?.checked).toBe(true);
  });
});

describe('the rule browser', () => {
  test('lists every rule of every flow, with both languages and its sources', () => {
    show();
    const ids = [...document.querySelectorAll('[data-policylens="rule-browser"] [data-rule]')].map(
      (el) => el.getAttribute('data-rule'),
    );
    expect(ids).toEqual(bundle.pack.flows.flatMap((f) => f.rules.map((r) => r.id)));
    const rule = q('[data-rule="reseller.join.not-frozen"]');
    expect(rule?.getAttribute('data-severity')).toBe('block');
    expect(rule?.querySelector('.severity')?.textContent).toBe('Refused if not met');
    const texts = [...(rule?.querySelectorAll('.localized > [lang]:not(.lang-tag)') ?? [])].map(
      (el) => el.getAttribute('lang'),
    );
    // The message, then the fail texts by cause (one per kind of freeze), each in both languages.
    const causes = bundle.pack.flows
      .flatMap((f) => f.rules)
      .find((r) => r.id === 'reseller.join.not-frozen')!.fail!.length;
    expect(rule?.querySelectorAll('.fail-texts > li')).toHaveLength(causes);
    expect(texts).toEqual(Array.from({ length: 1 + causes }, () => ['zh-CN', 'en']).flat());
  });

  test('links web sources as plain links without a referrer; other sources as text', () => {
    show();
    const links = [
      ...document.querySelectorAll('[data-policylens="rule-browser"] a[href^="http"]'),
    ];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(q('[data-rule="reseller.join.not-frozen"] .sources')?.textContent).toMatch(/^seed L/);
  });

  test('says which dates approximate their source, and what the source says', () => {
    show();
    const dates = [
      ...document.querySelectorAll('[data-rule="invoice.request.special-medium"] .effective'),
    ].map((el) => el.textContent);
    expect(dates).toEqual([
      'until Apr 15, 2024 (approximate: the source says “mid-April 2024”)',
      'from Apr 15, 2024 (approximate: the source says “mid-April 2024”), until Nov 30, 2024 (approximate: the source says “the end of November 2024”)',
      'from Nov 30, 2024 (approximate: the source says “the end of November 2024”)',
    ]);
    show({ lang: 'zh-CN' });
    expect(q('[data-rule="invoice.request.general-medium"] .effective')?.textContent).toMatch(
      /（约数：来源为“2024年11月底”）/,
    );
    // A day the source gives exactly is shown as it is.
    expect(
      q('[data-rule="invoice.request.individual-account-title"] .effective')?.textContent,
    ).not.toMatch(/约数/);
  });

  test('names the release and the newest dated rule change', () => {
    show();
    expect(newestRuleDate(bundle.pack)).toBe('2024-11-30');
    expect(q('[data-policylens="rule-browser"] [data-policylens="release"]')?.textContent).toBe(
      `rules 0.1.0 · ${bundle.pack.version} · built 2026-11-29 · newest effective date in the rules: 2024-11-30`,
    );
  });
});
