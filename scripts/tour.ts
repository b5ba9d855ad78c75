import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { openFlow } from '../test/e2e/actions.ts';
import { launchOnMockPartnerCenter } from '../test/e2e/browser.ts';
import { CJK_FONT_FIX, drawsChinese } from '../test/e2e/fonts.ts';
import { fillField, selectField, setCheckedField } from '../test/e2e/fields.ts';
import { FLOW_IDS, flowPage, flowUrl, type FlowId, type Lang } from '../test/e2e/flows.ts';
import type { MockPartnerCenter, MockState } from '../test/e2e/mock-server.ts';
import { SELECTORS } from '../test/e2e/overlay.ts';

// A tour of the mock partner center with the extension loaded: every page of shared/domain.md
// section 5, the overview first, printed as text (what the overlay shows) with a screenshot
// of each page. `npm start` runs it (scripts/demo.ts); test/e2e/demo.spec.ts tests it.

/**
 * One account for the whole tour, merged over the mock's defaults (a verified enterprise,
 * 云启科技（深圳）有限公司, email bound): frozen for arrears, not yet an HCPN partner, with
 * ¥1,200.00 invoiced and not returned. Some items pass, some fail.
 */
export const DEMO_STATE: MockState = {
  account: { freeze: 'arrears' },
  partner: { hcpn: { status: 'none' } },
  funds: { invoicedAmount: 1200 },
};

export const DEMO_ACCOUNT_SUMMARY =
  'yunqi-tech: a verified enterprise (云启科技（深圳）有限公司), frozen for arrears, ' +
  'not yet an HCPN partner, ¥1,200.00 invoiced';

type Labelled<T> = Record<Lang, T>;

/** What the tour types on a form page, by visible label, so inline warnings show. */
export type FormInput =
  | { fill: Labelled<[label: string, value: string]> }
  | { select: Labelled<[label: string, option: string]> }
  | { check: Labelled<string> };

export const FORM_INPUT: Partial<Record<FlowId, FormInput[]>> = {
  'co-expansion.join': [
    {
      check: {
        'zh-CN': '我已阅读并同意《华为云合作伙伴共拓计划条款及条件》',
        en: 'I have read and agree to the Partner Co-Expansion Program Terms and Conditions',
      },
    },
  ],
  'invoice.request': [
    {
      select: {
        'zh-CN': ['发票类型', '增值税专用发票'],
        en: ['Invoice type', 'VAT special invoice'],
      },
    },
    { select: { 'zh-CN': ['发票介质', '纸质发票'], en: ['Invoice medium', 'Paper'] } },
    { fill: { 'zh-CN': ['开票金额', '50'], en: ['Invoice amount', '50'] } },
  ],
  'invoice.profile': [
    {
      fill: {
        'zh-CN': ['发票抬头', '云启科技有限公司'],
        en: ['Invoice title', '云启科技有限公司'],
      },
    },
  ],
  'invoice.return': [{ check: { 'zh-CN': '选择发票 04400001', en: 'Select invoice 04400001' } }],
  'funds.withdraw': [
    {
      select: {
        'zh-CN': ['资金来源', '企业网银'],
        en: ['Fund source', 'Corporate online banking'],
      },
    },
    {
      fill: {
        'zh-CN': ['开户名', '云启科技有限公司'],
        en: ['Account holder name', 'Yunqi Technology Co., Ltd.'],
      },
    },
    { fill: { 'zh-CN': ['提现金额', '800'], en: ['Withdrawal amount', '800'] } },
  ],
};

/** One line of what the overlay shows. */
export interface ShownItem {
  /** A rule id (checklist items, warnings) or a program flow id (eligibility). */
  id: string;
  status: string;
  title: string;
  message: string;
  /** Eligibility: the items of a program flow that is not yet open to the account. */
  items?: ShownItem[];
}

export interface PageReport {
  flow: FlowId;
  lang: Lang;
  url: string;
  heading: string;
  /** The overlay showed (its checklist, or the overview's eligibility). */
  isShown: boolean;
  error?: string;
  checklist: ShownItem[];
  eligibility: ShownItem[];
  fieldWarnings: ShownItem[];
  typed: string[];
  screenshot?: string;
}

export interface TourOptions {
  /** Where the screenshots go (created if missing). */
  outDir: string;
  /** Default ['en']. */
  langs?: Lang[];
  /** Default: every page of domain.md section 5, the overview first. */
  flows?: FlowId[];
  state?: MockState;
  /** Default console.log. */
  log?: (line: string) => void;
  /** How long a page may take to show the overlay. Default 15 s. */
  overlayTimeoutMs?: number;
  /** false: plain Chromium (the tour then reports every page as failed). Default true. */
  withExtension?: boolean;
}

export interface TourReport {
  pages: PageReport[];
  failed: number;
  /** No font could draw Chinese: the zh-CN pages were left out (they would show boxes). */
  isChineseMissing?: boolean;
}

/** The tour's pages: the overview first, then every flow in the order of domain.md section 5. */
export const TOUR_FLOWS: FlowId[] = ['overview', ...FLOW_IDS.filter((f) => f !== 'overview')];

const MARK: Record<string, string> = {
  pass: '✓',
  fail: '✗',
  unknown: '?',
  notice: 'i',
  skip: '–',
};

/** How long the overlay must show the same statuses before the tour reads it. */
const STABLE_MS = 700;

/** Opens each page, types a few fields, and prints and photographs what the overlay shows. */
export async function runTour(options: TourOptions): Promise<TourReport> {
  const {
    outDir,
    langs = ['en'],
    flows = TOUR_FLOWS,
    state = DEMO_STATE,
    log = console.log,
    overlayTimeoutMs = 15_000,
    withExtension = true,
  } = options;
  mkdirSync(outDir, { recursive: true });
  const { context, partnerCenter } = await launchOnMockPartnerCenter({ withExtension });
  const pages: PageReport[] = [];
  let isChineseMissing = false;
  try {
    await allowNamedFunctions(context);
    partnerCenter.setState(state);
    const page = context.pages()[0] ?? (await context.newPage());
    let shown = langs;
    if (langs.includes('zh-CN') && !(await drawsChinese(page))) {
      isChineseMissing = true;
      shown = langs.filter((lang) => lang !== 'zh-CN');
      log(
        `No font here draws Chinese: the zh-CN pages are left out (they would show boxes). ${CJK_FONT_FIX}`,
      );
    }
    // Each page in every language, one after the other: their screenshots sort side by side.
    const stops = flows.flatMap((flow, index) => shown.map((lang) => ({ flow, lang, index })));
    for (const [at, { flow, lang, index }] of stops.entries()) {
      const number = String(index + 1).padStart(2, '0');
      const report = await visit(page, partnerCenter, flow, lang, {
        screenshot: path.join(outDir, `${number}-${flow}.${lang}.png`),
        overlayTimeoutMs,
      });
      pages.push(report);
      for (const line of formatPage(report, `[${at + 1}/${stops.length}]`)) log(line);
    }
  } finally {
    await closeQuietly(context);
  }
  return {
    pages,
    failed: pages.filter((p) => !p.isShown).length,
    ...(isChineseMissing ? { isChineseMissing } : {}),
  };
}

async function visit(
  page: Page,
  partnerCenter: MockPartnerCenter,
  flow: FlowId,
  lang: Lang,
  { screenshot, overlayTimeoutMs }: { screenshot: string; overlayTimeoutMs: number },
): Promise<PageReport> {
  const report: PageReport = {
    flow,
    lang,
    url: flowUrl({ flow, lang }),
    heading: flowPage(flow).heading[lang],
    isShown: false,
    checklist: [],
    eligibility: [],
    fieldWarnings: [],
    typed: [],
  };
  const container = flow === 'overview' ? SELECTORS.eligibility : SELECTORS.checklist;
  try {
    await openFlow(page, partnerCenter, flow, { lang });
    await page
      .locator(`${container} [data-status]`)
      .first()
      .waitFor({ state: 'attached', timeout: overlayTimeoutMs })
      .catch(() => {
        throw new Error(
          `the overlay did not show within ${overlayTimeoutMs / 1000} s ` +
            `(no ${container} with items on the page)`,
        );
      });
    await waitUntilStable(page, overlayTimeoutMs);
    report.typed.push(...(await fillForm(page, flow, lang)));
    if (report.typed.length > 0) {
      // Typing scrolled the page: a full-page screenshot would show the fixed header midway.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        window.scrollTo(0, 0);
      });
      await waitUntilStable(page, overlayTimeoutMs);
    }
    Object.assign(report, await readOverlay(page));
    report.isShown = report.checklist.length > 0 || report.eligibility.length > 0;
    if (!report.isShown) throw new Error('the overlay showed no items');
  } catch (error) {
    report.error = firstLine(error);
  }
  // A screenshot of a failed page shows why; it may fail too (the page crashed).
  await page
    .screenshot({ path: screenshot, fullPage: true })
    .then(() => (report.screenshot = screenshot))
    .catch((error) => (report.error ??= `no screenshot: ${firstLine(error)}`));
  return report;
}

/** Types the tour's input on a form page (FORM_INPUT), as a partner would; returns what was typed. */
export async function fillForm(page: Page, flow: FlowId, lang: Lang): Promise<string[]> {
  const typed: string[] = [];
  for (const input of FORM_INPUT[flow] ?? []) typed.push(await type(page, input, lang));
  return typed;
}

async function type(page: Page, input: FormInput, lang: Lang): Promise<string> {
  if ('fill' in input) {
    const [label, value] = input.fill[lang];
    await fillField(page, label, value);
    return `${label} = ${value}`;
  }
  if ('select' in input) {
    const [label, option] = input.select[lang];
    await selectField(page, label, option);
    return `${label} = ${option}`;
  }
  await setCheckedField(page, input.check[lang], true);
  return `☑ ${input.check[lang]}`;
}

/** Waits until the overlay's statuses and warnings have not changed for STABLE_MS. */
async function waitUntilStable(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const now = JSON.stringify(await readOverlay(page));
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= STABLE_MS) {
      return;
    }
    await page.waitForTimeout(100);
  }
}

/** What the overlay shows now, read from its open shadow roots (the test/e2e/README.md contract). */
async function readOverlay(
  page: Page,
): Promise<Pick<PageReport, 'checklist' | 'eligibility' | 'fieldWarnings'>> {
  // Runs in the page. Titles and messages are read from the item's own text, so a view that
  // renames its classes still prints something.
  const read = (elements: Element[], idAttribute: string) =>
    elements.map((el) => {
      const text = (selector: string) =>
        (el.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const items = Array.from(el.querySelectorAll('[data-rule][data-status]')).map((item) => ({
        id: item.getAttribute('data-rule') ?? '',
        status: item.getAttribute('data-status') ?? '',
        title: (item.querySelector('.title')?.textContent ?? '').trim(),
        message: (item.querySelector('.message')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      }));
      return {
        id: el.getAttribute(idAttribute) ?? '',
        status: el.getAttribute('data-status') ?? '',
        title: text('.title') || (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
        message: text('.message'),
        ...(idAttribute === 'data-flow' ? { items } : {}),
      };
    });
  const [checklist, eligibility, fieldWarnings] = await Promise.all([
    page.locator(`${SELECTORS.checklist} [data-rule][data-status]`).evaluateAll(read, 'data-rule'),
    page
      .locator(`${SELECTORS.eligibility} [data-flow][data-status]`)
      .evaluateAll(read, 'data-flow'),
    page.locator(SELECTORS.fieldWarning).evaluateAll(read, 'data-rule'),
  ]);
  return { checklist, eligibility, fieldWarnings };
}

function statusText(status: string): string {
  return `${MARK[status] ?? ' '} ${status.padEnd(7)}`;
}

/** The text a partner would see on one page, as printed by the demo. */
export function formatPage(report: PageReport, counter = ''): string[] {
  const lines = [
    '',
    `${counter} ${report.flow} (${report.lang}) — ${report.heading}`.trim(),
    `  ${report.url}`,
  ];
  for (const typed of report.typed) lines.push(`  typed: ${typed}`);
  if (report.eligibility.length > 0) {
    lines.push('  Eligibility (overview):');
    for (const flow of report.eligibility) {
      lines.push(`    ${statusText(flow.status)} ${flow.title}  [${flow.id}]`);
      for (const item of flow.items ?? []) {
        if (item.status === 'pass' || item.status === 'skip') continue;
        lines.push(`        ${statusText(item.status)} ${item.title}: ${item.message}`);
      }
    }
  }
  if (report.checklist.length > 0) {
    const count = report.checklist.length;
    lines.push(`  Checklist (${count} ${count === 1 ? 'item' : 'items'}):`);
    for (const item of report.checklist) {
      lines.push(`    ${statusText(item.status)} ${item.title}  [${item.id}]`);
      if (item.message) lines.push(`              ${item.message}`);
    }
  }
  if (report.fieldWarnings.length > 0) {
    lines.push('  Inline warnings beside the fields:');
    for (const warning of report.fieldWarnings) {
      lines.push(`    ! ${warning.title}: ${warning.message}  [${warning.id}]`);
    }
  }
  if (!report.isShown) {
    lines.push(`  ✗ FAILED: ${report.error ?? 'the overlay did not show'}; the tour goes on.`);
  } else if (report.error) {
    lines.push(`  (${report.error})`);
  }
  if (report.screenshot) lines.push(`  screenshot: ${path.basename(report.screenshot)}`);
  return lines;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Playwright's messages carry ANSI colours and a call log after the first line.
  // eslint-disable-next-line no-control-regex
  return (text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0] ?? '').trim();
}

/**
 * tsx compiles with esbuild's `keepNames`, which wraps named inner functions in a `__name`
 * helper; functions Playwright sends into the page (the field finders) then need it there.
 */
export async function allowNamedFunctions(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
}

async function closeQuietly(context: BrowserContext): Promise<void> {
  await context.close().catch(() => undefined);
}
