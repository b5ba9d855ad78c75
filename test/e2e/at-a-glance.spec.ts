import type { Locator, Page, Worker } from '@playwright/test';
import { DEMO_STATE, fillForm } from '../../scripts/tour.ts';
import {
  checklistItem,
  eligibilityItem,
  expect,
  fieldWarning,
  findField,
  FLOW_IDS,
  LANGS,
  openFlow,
  SELECTORS,
  selectField,
  settled,
  test,
  type FlowId,
  type Lang,
  type MockPartnerCenter,
} from './fixtures.ts';

/** The pages the second console serves (test/fixtures/partner-center-alt). */
const ALT_CONSOLE_FLOWS: FlowId[] = [
  'overview',
  'reseller.join',
  'invoice.request',
  'funds.withdraw',
];

// What a busy partner takes in at a glance, on every flow page in both languages: failing
// items first and every item whole, without scrolling inside the panel; inline warnings
// under the field's value column, never beside a radio group, never moving a value away
// from its label; and a form that stays put while they type.

/** Rank of what an item asks of the partner, as the panel orders them (components/order.ts). */
const RANK: Record<string, number> = { fail: 0, unknown: 1 };

interface ShownItem {
  rule: string;
  status: string;
  severity: string;
  isVisible: boolean;
}

/** The checklist's items in document order, and whether each shows (not folded away). */
async function shownItems(page: Page): Promise<ShownItem[]> {
  return page.locator(`${SELECTORS.checklist} [data-rule][data-status]`).evaluateAll((items) =>
    items.map((el) => ({
      rule: el.getAttribute('data-rule') ?? '',
      status: el.getAttribute('data-status') ?? '',
      severity: el.getAttribute('data-severity') ?? '',
      isVisible: el.checkVisibility(),
    })),
  );
}

/**
 * Everything of the panel that does not show whole: an element that scrolls or clips its
 * content, an item that sticks out of the panel. Empty when nothing is cut off.
 */
async function clipped(panel: Locator): Promise<string[]> {
  return panel.evaluate((root) => {
    const out: string[] = [];
    const box = root.getBoundingClientRect();
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      if (!el.checkVisibility()) continue;
      const style = getComputedStyle(el);
      const name = `${el.localName}.${el.className}`;
      const isClipping = /auto|scroll|hidden|clip/u.test(style.overflowY);
      if (
        isClipping &&
        el.scrollHeight > el.clientHeight + 1 &&
        !el.classList.contains('sr-only')
      ) {
        out.push(`${name} scrolls or clips (${el.scrollHeight} > ${el.clientHeight})`);
      }
      if (el.hasAttribute('data-rule')) {
        const item = el.getBoundingClientRect();
        if (item.top < box.top - 1 || item.bottom > box.bottom + 1) {
          out.push(`${el.getAttribute('data-rule')} sticks out of the panel`);
        }
      }
    }
    return out;
  });
}

/**
 * Opens every flow page of a console in turn (the overview first, which is remembered),
 * types what the demo types, and checks the panel as the partner then sees it.
 */
async function checkEveryFlowPage(
  page: Page,
  partnerCenter: MockPartnerCenter,
  { pageLang, flows }: { pageLang: Lang; flows: FlowId[] },
): Promise<void> {
  await openFlow(page, partnerCenter, 'overview', { lang: pageLang, state: DEMO_STATE });
  // The overview is read and remembered: the flow pages below use its facts.
  await expect(eligibilityItem(page, 'reseller.join')).toHaveAttribute('data-status', 'fail');
  for (const flow of flows.filter((f) => f !== 'overview')) {
    await test.step(flow, async () => {
      await openFlow(page, partnerCenter, flow, { lang: pageLang });
      const panel = page.locator(SELECTORS.checklist);
      await expect(panel.locator('[data-rule][data-status]').first()).toBeAttached();
      await fillForm(page, flow, pageLang);
      // The partner is done typing: focus leaves the form, and the panel settles.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const items = await settled(page, () => shownItems(page));
      const visible = items.filter((i) => i.isVisible);
      const open = items.filter((i) => i.status === 'fail' || i.status === 'unknown');
      // Everything still to do shows; it comes first, what will be refused before warnings.
      expect(
        open.every((i) => i.isVisible),
        `${flow}: open items show`,
      ).toBe(true);
      const ranks = visible.map((i) => RANK[i.status] ?? 2);
      expect(ranks, `${flow}: ${visible.map((i) => i.status).join(', ')}`).toEqual(
        [...ranks].sort((a, b) => a - b),
      );
      const fails = visible.filter((i) => i.status === 'fail').map((i) => i.severity);
      expect(fails, `${flow}: block failures first`).toEqual(
        [...fails].sort((a, b) => Number(b === 'block') - Number(a === 'block')),
      );
      // What is folded is what is met and the notices, behind one line.
      const folded = items.filter((i) => !i.isVisible);
      for (const i of folded) expect(['pass', 'notice'], `${flow}: ${i.rule}`).toContain(i.status);
      if (folded.length > 0) {
        await expect(panel.locator('[data-action="show-folded"]')).toBeVisible();
      }
      await expect(panel.locator('[data-policylens="summary"]')).not.toBeEmpty();
      expect(await clipped(panel), flow).toEqual([]);
      // Opened, the folded items show whole too.
      if (folded.length > 0) {
        await panel.locator('[data-action="show-folded"]').click();
        expect(await clipped(panel), `${flow}, opened`).toEqual([]);
      }
    });
  }
}

/** Shows every PolicyLens text in `lang`, whatever the page's language (the popup's choice). */
async function chooseLanguage(serviceWorker: Worker, lang: Lang): Promise<void> {
  await serviceWorker.evaluate(
    (choice) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(items: object): Promise<void> } } };
        }
      ).chrome.storage.local.set({ 'policylens:settings': { disabledSites: [], lang: choice } }),
    lang,
  );
}

for (const lang of LANGS) {
  test(`every flow page of the console (${lang}): failing items first, every item whole, no scrolling inside the panel`, async ({
    page,
    partnerCenter,
  }) => {
    test.setTimeout(180_000);
    await checkEveryFlowPage(page, partnerCenter, { pageLang: lang, flows: FLOW_IDS });
  });
}

test.describe('the second console', () => {
  test.use({ consoleFixture: 'alt' });

  // It is in English; a partner reading Chinese picks 中文 in the popup.
  for (const lang of LANGS) {
    test(`every flow page it has, PolicyLens in ${lang}: failing items first, every item whole`, async ({
      page,
      partnerCenter,
      serviceWorker,
    }) => {
      test.setTimeout(120_000);
      await chooseLanguage(serviceWorker, lang);
      await checkEveryFlowPage(page, partnerCenter, { pageLang: 'en', flows: ALT_CONSOLE_FLOWS });
      await expect(page.locator(SELECTORS.checklist)).toHaveAttribute('lang', lang);
    });
  }
});

/** A box on the page, whether in a shadow root or not. */
async function box(target: Pick<Locator, 'boundingBox'>) {
  const b = await target.boundingBox();
  if (!b) throw new Error('no box: not shown');
  return { ...b, right: b.x + b.width, bottom: b.y + b.height, middle: b.y + b.height / 2 };
}

const TEXT = {
  'zh-CN': {
    type: ['发票类型', '增值税专用发票'],
    medium: ['发票介质', '纸质发票'],
    options: ['纸质发票', '电子发票', '数电发票'],
    invoiced: '已开票金额',
    holder: '开户名',
    fundSource: ['资金来源', '企业网银'],
  },
  en: {
    type: ['Invoice type', 'VAT special invoice'],
    medium: ['Invoice medium', 'Paper'],
    options: ['Paper', 'Electronic', 'Fully digital'],
    invoiced: 'Invoiced amount',
    holder: 'Account holder name',
    fundSource: ['Fund source', 'Corporate online banking'],
  },
} as const;

for (const lang of LANGS) {
  test.describe(`inline warnings fit the form (${lang})`, () => {
    test('under a radio group, the width of its column; the options keep their line', async ({
      page,
      partnerCenter,
    }) => {
      const text = TEXT[lang];
      await openFlow(page, partnerCenter, 'overview', { lang });
      await expect(eligibilityItem(page, 'hcpn.join')).toHaveAttribute('data-status', 'pass');
      await openFlow(page, partnerCenter, 'invoice.request', { lang });
      const options = text.options.map((o) => page.locator('#app').getByText(o, { exact: true }));
      const before = await Promise.all(options.map(box));
      await selectField(page, text.type[0], text.type[1]);
      await selectField(page, text.medium[0], text.medium[1]);
      const warning = fieldWarning(page, 'invoice.request.special-medium').first();
      await expect(warning).toBeVisible();
      const after = await Promise.all(options.map(box));
      // Not squeezed beside the options: each keeps its place and its one line.
      for (const [i, option] of after.entries()) {
        expect(option.x, text.options[i]).toBeCloseTo(before[i]!.x, 0);
        expect(option.height, text.options[i]).toBeCloseTo(before[i]!.height, 0);
      }
      const w = await box(warning);
      const group = await box(page.locator('#app [role="radiogroup"], #app .radio-list').first());
      const first = after[0]!;
      expect(w.y).toBeGreaterThanOrEqual(Math.max(...after.map((o) => o.bottom)) - 1);
      // It starts where the value column starts and runs to the row's end.
      expect(Math.abs(w.x - Math.min(group.x, first.x))).toBeLessThanOrEqual(12);
      expect(w.width).toBeGreaterThan(group.width * 0.9);
    });

    test('under a read-only value, which stays level with its label', async ({
      page,
      partnerCenter,
    }) => {
      await openFlow(page, partnerCenter, 'overview', { lang, state: DEMO_STATE });
      await expect(eligibilityItem(page, 'reseller.join')).toHaveAttribute('data-status', 'fail');
      await openFlow(page, partnerCenter, 'funds.withdraw', { lang });
      const warning = fieldWarning(page, 'funds.withdraw.invoiced-needs-return').first();
      await expect(warning).toBeVisible();
      const label = await box(page.locator('#app').getByText(TEXT[lang].invoiced, { exact: true }));
      const value = await box(page.locator('#app').getByText('¥1,200.00', { exact: true }));
      const w = await box(warning);
      expect(
        Math.abs(label.middle - value.middle),
        'the value is level with its label',
      ).toBeLessThan(3);
      expect(w.y).toBeGreaterThanOrEqual(value.bottom - 1);
      expect(Math.abs(w.x - value.x), 'the warning starts under the value').toBeLessThanOrEqual(12);
      // As wide as a warning under any field of the form.
      await selectField(page, TEXT[lang].fundSource[0], TEXT[lang].fundSource[1]);
      await (await findField(page, TEXT[lang].holder)).focus();
      await page.keyboard.type('Someone Else Ltd.', { delay: 20 });
      const other = fieldWarning(page, 'funds.withdraw.holder-matches-entity').first();
      await expect(other).toBeVisible();
      const o = await box(other);
      expect(Math.abs(o.x - w.x)).toBeLessThanOrEqual(2);
      expect(Math.abs(o.right - w.right)).toBeLessThanOrEqual(2);
    });
  });
}

test('the field being typed in stays put while the checklist above it changes', async ({
  page,
  partnerCenter,
}) => {
  const lang = 'en';
  await openFlow(page, partnerCenter, 'overview', {
    lang,
    state: { account: { realName: { entityName: 'Acme Cloud Ltd.' } } },
  });
  await expect(eligibilityItem(page, 'hcpn.join')).toHaveAttribute('data-status', 'pass');
  await openFlow(page, partnerCenter, 'funds.withdraw', { lang });
  await selectField(page, TEXT[lang].fundSource[0], TEXT[lang].fundSource[1]);
  const input = await findField(page, TEXT[lang].holder);
  await input.focus();
  const item = checklistItem(page, 'funds.withdraw.holder-matches-entity');
  await expect(item).toHaveAttribute('data-status', 'unknown');
  const top = (await box(input)).y;
  const tops: number[] = [];
  const statuses = new Set<string>();
  // Wrong, then right: the item goes unknown -> fail -> pass under the partner's typing.
  for (const chunk of ['Someone', ' Else', '\b'.repeat(12), 'Acme Cloud Ltd.']) {
    if (chunk.startsWith('\b')) {
      for (let i = 0; i < chunk.length; i += 1) await page.keyboard.press('Backspace');
    } else {
      await page.keyboard.type(chunk, { delay: 15 });
    }
    await page.waitForTimeout(400);
    statuses.add((await item.getAttribute('data-status')) ?? '');
    tops.push((await box(input)).y);
  }
  expect([...statuses]).toEqual(expect.arrayContaining(['fail', 'pass']));
  expect(
    tops.every((t) => Math.abs(t - top) < 1),
    `the field's top: ${top} then ${tops}`,
  ).toBe(true);
  // The settled item stayed in view, now met, where it was.
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute('data-status', 'pass');
});
