import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';

// Chinese that renders: without a CJK font, Chromium draws every Chinese character as the
// same empty box, and a screenshot in zh-CN shows nothing a partner could read. The demo and
// the screenshot tests check first, and say how to fix it.

/** What to run when Chinese cannot be drawn. */
export const CJK_FONT_FIX =
  'Install a Chinese font: apt-get install -y fonts-noto-cjk (Debian), then run again.';

/** Font families fontconfig offers for Chinese (`fc-list :lang=zh`); empty when none. */
export function cjkFontFamilies(): string[] {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
  } catch {
    return [];
  }
}

/**
 * True when the browser draws Chinese characters as themselves: two different characters
 * look different, and neither looks like a character no font has (the "tofu" box).
 */
export async function drawsChinese(page: Page): Promise<boolean> {
  // No named functions inside: the demo runs this through tsx, whose helpers the page lacks.
  return page.evaluate(() => {
    const [fa, piao, none] = ['发', '票', '\u{10FFFD}'].map((text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const g = canvas.getContext('2d');
      if (!g) return '';
      g.font = '36px sans-serif';
      g.fillText(text, 4, 40);
      return canvas.toDataURL();
    });
    return Boolean(fa) && fa !== piao && fa !== none && piao !== none;
  });
}
