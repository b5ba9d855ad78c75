import type { Page } from '@playwright/test';
import { DEMO_STATE } from '../../scripts/tour.ts';
import {
  checklistItem,
  eligibilityItem,
  expect,
  fieldWarning,
  findField,
  LANGS,
  openFlow,
  SELECTORS,
  selectField,
  settled,
  test,
  type Lang,
  type MockPartnerCenter,
} from './fixtures.ts';
import { CJK_FONT_FIX, cjkFontFamilies, drawsChinese } from './fonts.ts';

// What the overlay looks like, pixel for pixel, in both languages: the checklist, and an
// inline warning with its field, against baselines in test/e2e/screenshots/. A layout change
// shows as a diff. To accept a change on purpose: npx playwright test screenshots
// --update-snapshots, then look at the new images before committing them.
//
// Stable by construction: a fixed viewport, the fonts of fonts-noto-cjk (the overlay and the
// mock name Noto Sans CJK before the generic family), nothing animated, no caret, and the
// date the rules were checked for masked. The flows shown do not depend on today's date.

const VIEWPORT = { width: 1280, height: 900 };

const TEXT = {
  'zh-CN': { fundSource: ['资金来源', '企业网银'], holder: '开户名' },
  en: { fundSource: ['Fund source', 'Corporate online banking'], holder: 'Account holder name' },
} as const;

test.beforeAll(() => {
  // Boxes instead of Chinese would make every zh-CN comparison meaningless.
  expect(cjkFontFamilies(), CJK_FONT_FIX).not.toEqual([]);
});

/** The overview once, so the account's facts are remembered for the flow pages. */
async function readOverview(page: Page, partnerCenter: MockPartnerCenter, lang: Lang) {
  await page.setViewportSize(VIEWPORT);
  expect(await drawsChinese(page), CJK_FONT_FIX).toBe(true);
  await openFlow(page, partnerCenter, 'overview', { lang, state: DEMO_STATE });
  await expect(eligibilityItem(page, 'reseller.join')).toHaveAttribute('data-status', 'fail');
}

/** Waits until the overlay has shown the same thing for a while (late page data settles). */
async function settle(page: Page): Promise<void> {
  await settled(page, () =>
    page
      .locator(`${SELECTORS.checklist} [data-status], ${SELECTORS.fieldWarning}`)
      .evaluateAll((els) => els.map((el) => el.outerHTML).join('')),
  );
}

for (const lang of LANGS) {
  test.describe(`screenshots (${lang})`, () => {
    test('the checklist', async ({ page, partnerCenter }) => {
      await readOverview(page, partnerCenter, lang);
      await openFlow(page, partnerCenter, 'reseller.join', { lang });
      await expect(checklistItem(page, 'reseller.join.not-frozen')).toHaveAttribute(
        'data-status',
        'fail',
      );
      await settle(page);
      await expect(page.locator('policylens-overlay')).toHaveScreenshot(`checklist.${lang}.png`, {
        animations: 'disabled',
        caret: 'hide',
        mask: [page.locator('[data-policylens="checked-on"]')],
      });
    });

    test('an inline warning under its field', async ({ page, partnerCenter }) => {
      await readOverview(page, partnerCenter, lang);
      await openFlow(page, partnerCenter, 'funds.withdraw', { lang });
      const text = TEXT[lang];
      await selectField(page, text.fundSource[0], text.fundSource[1]);
      const input = await findField(page, text.holder);
      await input.focus();
      await page.keyboard.type('深圳市另一家科技有限公司', { delay: 20 });
      const warning = fieldWarning(page, 'funds.withdraw.holder-matches-entity').first();
      await expect(warning).toBeVisible();
      await input.evaluate((el) => (el as HTMLElement).blur());
      await settle(page);
      // The field's row and its warning: where the warning sits matters as much as its look.
      const row = await page.locator('#app').getByText(text.holder, { exact: true }).boundingBox();
      const host = await page
        .locator('policylens-field-warning')
        .filter({ has: warning })
        .boundingBox();
      const form = await page.locator('#app form').first().boundingBox();
      if (!row || !host || !form) throw new Error('the field or its warning is not shown');
      const top = Math.floor(row.y) - 12;
      await expect(page).toHaveScreenshot(`inline-warning.${lang}.png`, {
        animations: 'disabled',
        caret: 'hide',
        clip: {
          x: Math.floor(form.x),
          y: top,
          width: Math.ceil(form.width),
          height: Math.ceil(host.y + host.height) + 12 - top,
        },
      });
    });
  });
}
