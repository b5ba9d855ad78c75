import { isDate } from '../engine/dates.ts';

/**
 * Visible texts compare the way a reader sees them: Unicode NFKC (full-width brackets and
 * colons become half-width), trimmed, inner white space collapsed, Latin letters lower-cased.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * Glyphs that mark help or status, never words: ⓘ ℹ ❓ ❔ ✓ ✔ ✗ ✘ ● • · and icon-font glyphs,
 * which fonts draw from the Private Use Area. (ⓘ must go before NFKC, which makes it an `i`.)
 */
const GLYPHS =
  /[\u24d8\u2139\u2753\u2754\u2713\u2714\u2717\u2718\u25cf\u25cb\u2022\u00b7\ue000-\uf8ff]/gu;

/**
 * A label as the page shows it, without the decorations forms add around it: a required
 * marker (`*`), a help mark (`?`, `ⓘ`, an icon glyph) and a trailing colon of either width.
 * `* 发票类型 ⓘ：` and `发票类型` are the same label.
 */
export function normalizeLabel(text: string): string {
  return normalizeText(text.replace(GLYPHS, ' '))
    .replace(/^[*\s]+/u, '')
    .replace(/[\s:*?]+$/u, '')
    .trim();
}

/**
 * A value as the page shows it, without a status mark before or after it (`✓ 已认证`,
 * `● Normal`, an icon glyph): white space collapsed, case and width kept.
 */
export function cleanValue(text: string): string {
  return cleanText(
    text
      .replace(/^[\s\p{So}\p{Co}\u2022\u00b7]+/u, '')
      .replace(/[\s\p{So}\p{Co}\u2022\u00b7]+$/u, ''),
  );
}

/**
 * What a page shows while its data has not arrived: dashes (`-`, `--`, `—`), dots or an
 * ellipsis, `N/A`, 暂无, or a loading text. Never a value: the field stays unknown.
 */
export function isPlaceholder(text: string): boolean {
  const t = normalizeText(text);
  return (
    /^[-\u2010-\u2015\u2212\ufe58\ufe63~_.\u2026\s]+$/u.test(t) ||
    /^(n\/a|null|undefined|暂无(数据)?|加载中|loading|正在加载)[.\u2026\s]*$/u.test(t)
  );
}

/** Text as shown, for string facts: white space collapsed, case and width kept. */
export function cleanText(text: string): string {
  return text.trim().replace(/\s+/gu, ' ');
}

/** A number as a page prints it: `¥1,234.50`, `1 234.50 元`, `CNY 80` -> 1234.5, 1234.5, 80. */
export function parseNumber(text: string): number | undefined {
  const match = /-?\d+(?:\.\d+)?/u.exec(text.normalize('NFKC').replace(/[,\s\u00a0']/gu, ''));
  if (!match) return undefined;
  const value = Number(match[0]);
  return Number.isFinite(value) ? value : undefined;
}

/** A month as a page prints it: `2024-05`, `2024/5`, `2024年5月`, `2024.05` -> `2024-05`. */
export function parseMonth(text: string): string | undefined {
  const match = /(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)/u.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}`;
}

/** A date as a page prints it: `2024-05-03`, `2024/5/3`, `2024年5月3日` -> `2024-05-03`. */
export function parseDate(text: string): string | undefined {
  const match = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/u.exec(
    text.normalize('NFKC'),
  );
  if (!match) return undefined;
  const [m, d] = [Number(match[2]), Number(match[3])];
  const date = `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isDate(date) ? date : undefined;
}

/** A control's prompt shown while nothing is chosen or typed: 请选择, Please select. */
export function isPrompt(text: string): boolean {
  return /^(请选择|请输入|请填写|please (select|choose|enter)|select|choose)(?![a-z])/u.test(
    normalizeText(text),
  );
}
