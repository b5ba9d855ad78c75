import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from './browser.ts';
import { expect, test } from './fixtures.ts';
import { CJK_FONT_FIX, cjkFontFamilies, drawsChinese } from './fonts.ts';

// Chinese must render, or every zh-CN screenshot (the demo's, the screenshot tests') shows
// boxes. This fails, with the fix, on a machine without a CJK font (.ci/run installs one).

test('a Chinese font is installed, and Chromium draws Chinese with it', async ({ page }) => {
  expect(cjkFontFamilies(), CJK_FONT_FIX).not.toEqual([]);
  expect(await drawsChinese(page), CJK_FONT_FIX).toBe(true);
});

test('the check tells when no font draws Chinese', async () => {
  // A Chromium that sees no fonts at all (fontconfig pointed at an empty folder).
  const dir = mkdtempSync(path.join(tmpdir(), 'policylens-no-fonts-'));
  const config = path.join(dir, 'fonts.conf');
  writeFileSync(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dir}</dir><cachedir>${dir}</cachedir></fontconfig>\n`,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    env: { ...process.env, FONTCONFIG_FILE: config },
  });
  try {
    const page = await browser.newPage();
    expect(await drawsChinese(page)).toBe(false);
  } finally {
    await browser.close();
  }
});
