// Renders the extension's icon (extension/build/icon.svg) into the PNG sizes the stores ask
// for: public/icon/<size>.png, which WXT lists in the manifest. Run after changing the SVG:
//
//   npx tsx scripts/icons.ts
//
// The PNGs are checked in, so a build needs no browser; Debian's Chromium draws them here.

import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH } from '../test/e2e/browser.ts';

/** Chrome Web Store: 16, 32, 48, 128; addons.mozilla.org: 48, 96. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

const ROOT = path.resolve(import.meta.dirname, '..');
const SVG = path.join(ROOT, 'extension/build/icon.svg');
const OUT = path.join(ROOT, 'public/icon');

async function main(): Promise<void> {
  const svg = readFileSync(SVG, 'utf8');
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const file = path.join(OUT, `${size}.png`);
      await page.screenshot({ path: file, omitBackground: true });
      await page.close();
      console.log(path.relative(ROOT, file));
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
