import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  checklistItem,
  eligibilityItem,
  expect,
  fieldWarning,
  findField,
  FLOWS,
  LANGS,
  openFlow,
  pageSubmissions,
  readField,
  SELECTORS,
  selectField,
  submitForm,
  submitGuard,
  test,
  type Lang,
  type MockPartnerCenter,
} from './fixtures.ts';

// Accessibility of the overlay, not of the mock page: axe-core on the overlay's own elements
// (it audits open shadow roots) in both languages, then the keyboard alone, and what a screen
// reader is told. The mock page's own markup is outside the audit on purpose.

/** The overlay's elements in the page: the panel (and the submit guard in it), the warnings. */
const OVERLAY_HOSTS = ['policylens-overlay', 'policylens-field-warning'] as const;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

const TEXT = {
  'zh-CN': {
    invoiceType: { label: '发票类型', option: '增值税专用发票' },
    invoiceMedium: { label: '发票介质', option: '纸质发票' },
    guardTitle: '提交后将被拒绝',
    holder: '开户名',
    fundSource: { label: '资金来源', option: '企业网银' },
  },
  en: {
    invoiceType: { label: 'Invoice type', option: 'VAT special invoice' },
    invoiceMedium: { label: 'Invoice medium', option: 'Paper' },
    guardTitle: 'This will be refused',
    holder: 'Account holder name',
    fundSource: { label: 'Fund source', option: 'Corporate online banking' },
  },
} as const;

/** axe-core on the overlay hosts present now; returns the results after checking them. */
async function expectNoViolations(page: Page, what: string): Promise<AxeResults> {
  const builder = new AxeBuilder({ page });
  const hosts: string[] = [];
  for (const host of OVERLAY_HOSTS) {
    if ((await page.locator(host).count()) === 0) continue;
    builder.include(host);
    hosts.push(host);
  }
  expect(hosts, `${what}: the overlay is on the page`).toContain('policylens-overlay');
  const results = await builder.analyze();
  expect(results.violations, `${what}: axe-core violations\n${describe(results)}`).toEqual([]);
  // The audit reached into every host's shadow root (a wrong `include` audits nothing).
  const audited = new Set(
    results.passes.flatMap((rule) => rule.nodes.map((node) => String(node.target[0]))),
  );
  for (const host of hosts) {
    expect(
      [...audited].some((target) => target.includes(host)),
      `${what}: audited ${host}`,
    ).toBe(true);
  }
  return results;
}

/** The violations as lines a developer can act on: rule, impact, summary, each element. */
function describe(results: AxeResults): string {
  return results.violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map(
          (node) =>
            `  at ${JSON.stringify(node.target)}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

function passed(results: AxeResults, ruleId: string): number {
  return results.passes.find((rule) => rule.id === ruleId)?.nodes.length ?? 0;
}

/** Ids must be unique within each shadow root (aria-labelledby and the like resolve there). */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(
    (tags) => {
      const out: string[] = [];
      for (const host of Array.from(document.querySelectorAll(tags.join(', ')))) {
        const ids = Array.from(host.shadowRoot?.querySelectorAll('[id]') ?? [], (el) => el.id);
        out.push(
          ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${host.localName}#${id}`),
        );
      }
      return out;
    },
    [...OVERLAY_HOSTS],
  );
}

/**
 * Every visible text of the overlay against what is behind it: at least 4.5:1 (3:1 for large
 * text and for the status marks, which are graphics). axe-core leaves text it cannot place
 * (inside the checklist's scrolling list, under the page's sticky header) as "incomplete",
 * so this computes the same contrast from the styles, for every text.
 */
async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(
    (tags) => {
      type Rgba = [number, number, number, number];
      const parse = (color: string): Rgba => {
        const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
        return [r, g, b, color.startsWith('rgba') ? a : 1];
      };
      const over = (top: Rgba, bottom: Rgba): Rgba => {
        const a = top[3];
        return [0, 1, 2]
          .map((i) => (top[i] ?? 0) * a + (bottom[i] ?? 0) * (1 - a))
          .concat(1) as Rgba;
      };
      const luminance = ([r, g, b]: Rgba) =>
        [r, g, b]
          .map((c) => c / 255)
          .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
          .reduce((sum, c, i) => sum + c * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);
      const ratio = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
      };
      const parentOf = (el: Element): Element | null =>
        el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
      const background = (el: Element): Rgba => {
        const layers: Rgba[] = [];
        for (let at: Element | null = el; at; at = parentOf(at)) {
          const layer = parse(getComputedStyle(at).backgroundColor);
          if (layer[3] > 0) layers.push(layer);
          if (layer[3] >= 1) break;
        }
        return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
      };
      const isHiddenText = (el: Element) => {
        const box = el.getBoundingClientRect();
        return !el.checkVisibility() || box.width <= 1 || box.height <= 1;
      };
      const out: string[] = [];
      for (const host of Array.from(document.querySelectorAll(tags.join(', ')))) {
        for (const el of Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])) {
          const text = Array.from(el.childNodes)
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent ?? '')
            .join('')
            .trim();
          if (!text || isHiddenText(el)) continue;
          const style = getComputedStyle(el);
          const bg = background(el);
          const fg = over(parse(style.color), bg);
          const size = parseFloat(style.fontSize);
          const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
          const isMark = el.closest('[aria-hidden="true"]') !== null;
          const needed = isLarge || isMark ? 3 : 4.5;
          const got = ratio(fg, bg);
          if (got < needed) {
            out.push(`${got.toFixed(2)}:1 < ${needed}:1 "${text.slice(0, 40)}" (${style.color})`);
          }
        }
      }
      return out;
    },
    [...OVERLAY_HOSTS],
  );
}

/** What has keyboard focus, looking into shadow roots, as a short name for assertions. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return 'body';
    const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'page';
    const rule = el.closest('[data-rule]')?.getAttribute('data-rule');
    const action = el.getAttribute('data-action');
    if (action) return `${host}: ${action}${rule ? ` ${rule}` : ''}`;
    if (el.localName === 'summary') return `${host}: why ${rule ?? ''}`;
    if (el.classList.contains('toggle')) return `${host}: toggle`;
    const text = (el.textContent || (el as HTMLInputElement).value || '').trim().slice(0, 30);
    return `${host}: ${el.localName} ${el.getAttribute('aria-label') ?? text}`;
  });
}

/** The focus ring of what has focus now: style, width, and contrast against the panel. */
async function focusRing(page: Page): Promise<{ style: string; width: number; contrast: number }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { style: 'none', width: 0, contrast: 0 };
    const style = getComputedStyle(el);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string) =>
      rgb(c)
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);
    // The ring sits on the panel's white or the item's soft background: the darker one counts.
    const [ring, white, soft] = [style.outlineColor, 'rgb(255,255,255)', 'rgb(245,247,250)'].map(
      luminance,
    ) as [number, number, number];
    const contrast = Math.min((white + 0.05) / (ring + 0.05), (soft + 0.05) / (ring + 0.05));
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast };
  });
}

/** The checklist's controls a partner can reach now, in document order, named as `focused` names them. */
async function checklistControls(page: Page): Promise<string[]> {
  return page
    .locator(`${SELECTORS.checklist} button, ${SELECTORS.checklist} summary`)
    .evaluateAll((controls) =>
      controls
        .filter((el) => el.checkVisibility())
        .map((el) => {
          const rule = el.closest('[data-rule]')?.getAttribute('data-rule');
          const action = el.getAttribute('data-action');
          if (action) return `policylens-overlay: ${action}${rule ? ` ${rule}` : ''}`;
          if (el.localName === 'summary') return `policylens-overlay: why ${rule ?? ''}`;
          return 'policylens-overlay: toggle';
        }),
    );
}

/** The overview first (it remembers the account's facts), then the flow page. */
async function openAfterOverview(
  page: Page,
  partnerCenter: MockPartnerCenter,
  flow: Parameters<typeof openFlow>[2],
  lang: Lang,
  state?: Record<string, unknown>,
): Promise<void> {
  await openFlow(page, partnerCenter, 'overview', { lang, ...(state ? { state } : {}) });
  // Read (and so remembered) once the overview shows it: the default account has joined HCPN.
  await expect(eligibilityItem(page, 'hcpn.join')).toHaveAttribute('data-status', 'pass');
  await openFlow(page, partnerCenter, flow, { lang });
  await expect(page.locator(SELECTORS.checklist)).toBeVisible();
}

for (const lang of LANGS) {
  test.describe(`overlay accessibility (${lang})`, () => {
    test('the overview eligibility, with a "why" open, has no axe-core violations', async ({
      page,
      partnerCenter,
    }) => {
      await openFlow(page, partnerCenter, 'overview', {
        lang,
        state: { account: { freeze: 'arrears', email: { bound: null } } },
      });
      await expect(eligibilityItem(page, 'reseller.join')).toHaveAttribute('data-status', 'fail');
      const why = page.locator(`${SELECTORS.eligibility} [data-policylens="why"]`).first();
      await why.locator('summary').click();
      await expect(why.locator('.reason')).toBeVisible();

      await expect(page.locator('policylens-overlay .policylens')).toHaveAttribute('lang', lang);
      const results = await expectNoViolations(page, `overview (${lang})`);
      expect(passed(results, 'summary-name')).toBeGreaterThan(0);
      expect(await duplicateIds(page)).toEqual([]);
      expect(await lowContrastTexts(page)).toEqual([]);
    });

    test('a flow page with every status, "why" open, an inline warning and the guard has no axe-core violations', async ({
      page,
      partnerCenter,
    }) => {
      const text = TEXT[lang];
      // The contracting entity the medium rule reads is remembered from the overview.
      await openAfterOverview(page, partnerCenter, 'invoice.request', lang);
      await selectField(page, text.invoiceType.label, text.invoiceType.option);
      await selectField(page, text.invoiceMedium.label, text.invoiceMedium.option);
      await expect(fieldWarning(page, 'invoice.request.special-medium').first()).toBeVisible();
      for (const status of ['pass', 'fail', 'unknown', 'notice']) {
        await expect(
          page.locator(`${SELECTORS.checklist} [data-rule][data-status="${status}"]`).first(),
          `an item that is ${status}`,
        ).toBeAttached();
      }
      // What is met and the notices are folded into one line; it opens on click.
      const fold = page.locator(`${SELECTORS.checklist} [data-action="show-folded"]`);
      await expect(fold).toHaveAttribute('aria-expanded', 'false');
      await fold.click();
      await expect(fold).toHaveAttribute('aria-expanded', 'true');
      const summaries = page.locator(`${SELECTORS.checklist} [data-policylens="why"] summary`);
      for (const summary of await summaries.all()) await summary.click();
      await expect(page.locator(`${SELECTORS.checklist} details[open] .reason`)).toHaveCount(
        await summaries.count(),
      );

      // Each condition's result is said in words too, not only by its coloured mark.
      const truth = lang === 'en' ? /^[✓✗?](met|not met|unknown): / : /^[✓✗?](成立|不成立|未知): /;
      const leaves = await page.locator(`${SELECTORS.checklist} .leaf`).all();
      expect(leaves.length).toBeGreaterThan(0);
      for (const leaf of leaves) {
        expect(await leaf.textContent()).toMatch(truth);
      }
      for (const root of [
        'policylens-overlay .policylens',
        'policylens-field-warning [aria-live]',
      ]) {
        await expect(page.locator(root).first()).toHaveAttribute('lang', lang);
      }
      const results = await expectNoViolations(page, `invoice.request (${lang})`);
      expect(passed(results, 'listitem')).toBeGreaterThan(0);
      expect(await duplicateIds(page)).toEqual([]);
      expect(await lowContrastTexts(page)).toEqual([]);

      await submitForm(page, 'invoice.request', lang);
      await expect(submitGuard(page)).toBeVisible();
      const guardResults = await expectNoViolations(page, `invoice.request guard (${lang})`);
      expect(passed(guardResults, 'aria-dialog-name')).toBe(1);
      expect(await duplicateIds(page)).toEqual([]);
      expect(await lowContrastTexts(page)).toEqual([]);
    });

    test('a confirmed item and its "forget" have no axe-core violations', async ({
      page,
      partnerCenter,
    }) => {
      await openFlow(page, partnerCenter, 'hcpn.join', { lang });
      const item = checklistItem(page, 'hcpn.join.enterprise-verified');
      await expect(item).toHaveAttribute('data-status', 'unknown');
      await item.locator('[data-action="confirm"]').click();
      await expect(item).toHaveAttribute('data-confirmed', 'true');
      await expectNoViolations(page, `hcpn.join confirmed (${lang})`);
      await expect(item.locator('[data-action="forget"]')).toHaveAccessibleName(
        new RegExp(await item.locator('.title').innerText()),
      );
    });
  });
}

test.describe('the overlay by keyboard alone', () => {
  test('Tab and Shift+Tab reach the checklist controls in order, with a visible focus ring', async ({
    page,
    partnerCenter,
  }) => {
    await openFlow(page, partnerCenter, 'hcpn.join', { lang: 'en' });
    await expect(checklistItem(page, 'hcpn.join.enterprise-verified')).toHaveAttribute(
      'data-status',
      'unknown',
    );
    const expected = await checklistControls(page);
    expect(expected).toContain('policylens-overlay: confirm hcpn.join.enterprise-verified');
    // The notice is folded away: its line is a stop, its "why" is not until it opens.
    expect(expected).toContain('policylens-overlay: show-folded');
    expect(expected).not.toContain('policylens-overlay: why hcpn.join.prepare-info');

    // From the page heading (a click sets where Tab starts), the next stop is the overlay.
    await page
      .getByRole('heading', { name: FLOWS['hcpn.join'].heading.en, exact: true })
      .first()
      .click();
    const forward: string[] = [];
    for (let i = 0; i < expected.length; i += 1) {
      await page.keyboard.press('Tab');
      forward.push(await focused(page));
      const ring = await focusRing(page);
      expect(ring.style, `focus ring of ${forward.at(-1)}`).not.toBe('none');
      expect(ring.width, `focus ring of ${forward.at(-1)}`).toBeGreaterThanOrEqual(2);
      expect(ring.contrast, `focus ring contrast of ${forward.at(-1)}`).toBeGreaterThanOrEqual(3);
    }
    expect(forward).toEqual(expected);

    const backward: string[] = [await focused(page)];
    for (let i = 1; i < expected.length; i += 1) {
      await page.keyboard.press('Shift+Tab');
      backward.push(await focused(page));
    }
    expect(backward).toEqual([...expected].reverse());

    // Enter on the folded line opens it; the next stop is the notice's "why".
    const fold = page.locator(`${SELECTORS.checklist} [data-action="show-folded"]`);
    await fold.focus();
    await page.keyboard.press('Enter');
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('policylens-overlay: why hcpn.join.prepare-info');
  });

  test('Enter and Space open "why"; Enter confirms and forgets, keeping focus on the item', async ({
    page,
    partnerCenter,
  }) => {
    await openFlow(page, partnerCenter, 'hcpn.join', { lang: 'zh-CN' });
    const item = checklistItem(page, 'hcpn.join.enterprise-verified');
    await expect(item).toHaveAttribute('data-status', 'unknown');

    const why = item.locator('[data-policylens="why"]');
    await why.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(why).toHaveAttribute('open', '');
    await expect(why.locator('.reason')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(why).not.toHaveAttribute('open', '');

    await item.locator('[data-action="confirm"]').focus();
    await page.keyboard.press('Enter');
    await expect(item).toHaveAttribute('data-status', 'pass');
    // The button pressed is gone; focus moved to its replacement, not to the page.
    await expect
      .poll(() => focused(page))
      .toBe('policylens-overlay: forget hcpn.join.enterprise-verified');
    await page.keyboard.press('Enter');
    await expect(item).toHaveAttribute('data-status', 'unknown');
    await expect
      .poll(() => focused(page))
      .toBe('policylens-overlay: confirm hcpn.join.enterprise-verified');

    const toggle = page.locator(`${SELECTORS.checklist} .toggle`);
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(item).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await focused(page)).toBe('policylens-overlay: toggle');
  });

  test('the submit guard is a modal dialog: focus inside, trapped, Escape goes back to the submit button', async ({
    page,
    partnerCenter,
  }) => {
    const lang = 'zh-CN';
    // The verified entity the holder rule (a block rule) compares with is read on the overview.
    await openAfterOverview(page, partnerCenter, 'funds.withdraw', lang);
    await selectField(page, TEXT[lang].fundSource.label, TEXT[lang].fundSource.option);
    await (await findField(page, TEXT[lang].holder)).focus();
    await page.keyboard.type('深圳市另一家科技有限公司');
    await expect(checklistItem(page, 'funds.withdraw.holder-matches-entity')).toHaveAttribute(
      'data-status',
      'fail',
    );

    const submitText = FLOWS['funds.withdraw'].submit[lang];
    const submit = page.locator('#app').getByRole('button', { name: submitText, exact: true });
    await submit.focus();
    await page.keyboard.press('Enter');
    const guard = submitGuard(page);
    await expect(guard).toBeVisible();
    await expect(guard).toHaveAttribute('role', 'alertdialog');
    await expect(guard).toHaveAttribute('aria-modal', 'true');
    await expect(guard).toHaveAccessibleName(TEXT[lang].guardTitle);
    await expect(guard).toHaveAccessibleDescription(/.+/);
    // A native modal: above the page, the page behind it inert.
    expect(await guard.evaluate((el) => el.matches(':modal'))).toBe(true);
    await expect.poll(() => focused(page)).toBe('policylens-overlay: go-back');

    const stops: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Shift+Tab');
      stops.push(await focused(page));
    }
    const [back, anyway] = ['policylens-overlay: go-back', 'policylens-overlay: submit-anyway'];
    expect(stops).toEqual([anyway, back, anyway, back, anyway, back, anyway, back]);

    await page.keyboard.press('Escape');
    await expect(guard).toHaveCount(0);
    expect(await focused(page)).toBe(`page: button ${submitText}`);
    expect(await readField(page, TEXT[lang].holder)).toBe('深圳市另一家科技有限公司');
    expect(await pageSubmissions(page)).toBe(0);

    // Enter on the submit button asks again; "submit anyway" by keyboard lets it through.
    await page.keyboard.press('Enter');
    await expect(guard).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(guard).toHaveCount(0);
    await expect.poll(() => pageSubmissions(page)).toBe(1);
  });

  test('a new inline warning is announced politely and focus stays in the field being typed in', async ({
    page,
    partnerCenter,
  }) => {
    const lang = 'en';
    const text = TEXT[lang];
    await openAfterOverview(page, partnerCenter, 'funds.withdraw', lang, {
      account: { realName: { entityName: 'Acme Cloud Ltd.' } },
    });
    await selectField(page, text.fundSource.label, text.fundSource.option);
    const input = await findField(page, text.holder);
    await input.focus();

    // The live regions are in place (rendered, empty, not hidden) before any warning.
    await expect.poll(() => page.locator('policylens-field-warning').count()).toBeGreaterThan(0);
    const regions = await page.evaluate(() => {
      const found = Array.from(document.querySelectorAll('policylens-field-warning'), (host) =>
        host.shadowRoot?.querySelector('[aria-live]'),
      ).filter((r): r is Element => r instanceof Element);
      (window as unknown as { __liveRegions: WeakSet<Element> }).__liveRegions = new WeakSet(found);
      const focusMoves: string[] = [];
      (window as unknown as { __focusMoves: string[] }).__focusMoves = focusMoves;
      document.addEventListener('focusin', (event) => {
        const target = event.composedPath()[0] as Element;
        focusMoves.push(target.localName);
      });
      return found.map((r) => ({
        live: r.getAttribute('aria-live'),
        display: getComputedStyle(r).display,
        isEmpty: r.childElementCount === 0,
      }));
    });
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions)
      expect(region).toEqual({ live: 'polite', display: 'block', isEmpty: true });

    await page.keyboard.type('Someone Else Ltd.', { delay: 20 });
    const warning = fieldWarning(page, 'funds.withdraw.holder-matches-entity').first();
    await expect(warning).toBeVisible();
    await page.keyboard.type(' Co');

    const announced = await warning.evaluate((el) => {
      const region = el.closest('[aria-live]');
      return {
        live: region?.getAttribute('aria-live'),
        wasThereBefore: Boolean(
          region &&
          (window as unknown as { __liveRegions: WeakSet<Element> }).__liveRegions.has(region),
        ),
        role: el.getAttribute('role'),
        isAssertive: el.closest('[role="alert"], [aria-live="assertive"]') !== null,
        text: el.textContent ?? '',
      };
    });
    expect(announced).toMatchObject({
      live: 'polite',
      wasThereBefore: true,
      role: 'note',
      isAssertive: false,
    });
    // The severity is said in words, not only in the warning's colour.
    expect(announced.text).toMatch(/Refused if not met|Warning/);
    expect(await focused(page)).toMatch(/^page: input/);
    expect(
      await page.evaluate(() => (window as unknown as { __focusMoves: string[] }).__focusMoves),
    ).toEqual([]);
    expect(await readField(page, text.holder)).toBe('Someone Else Ltd. Co');
  });
});
