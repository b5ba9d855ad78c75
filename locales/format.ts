import { en } from './en.ts';
import type { Lang } from './langs.ts';
import type { Words } from './words.ts';
import { zhCN } from './zh-CN.ts';

const BY_LANG: Record<Lang, Words> = { 'zh-CN': zhCN, en };

// Numbers, amounts and dates as each language writes them (Intl, with the options of the
// language's words), the way the console shows them: "¥1,200.00", "Nov 30, 2024",
// "2024年11月30日". Only ECMAScript's Intl: no browser or Node API.

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u;

// Making an Intl formatter costs far more than formatting with it (the evaluator writes a
// value into nearly every reason), so each is made once per language and kind and reused.
// The kinds are few: two languages, numbers, dates, months and the currencies of the facts;
// a caller passing many currencies only makes the map start afresh.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let found = formatters.get(key) as T | undefined;
  if (found === undefined) {
    found = make();
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** A number with the language's grouping: 12,345.5. */
export function formatNumber(value: number, lang: Lang): string {
  return formatter(
    `number ${lang}`,
    () => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }),
  ).format(value);
}

/** An amount of money in a currency (ISO 4217), as the console writes it: ¥1,200.00. */
export function formatAmount(value: number, currency: string, lang: Lang): string {
  return formatter(
    `amount ${lang} ${currency}`,
    () =>
      new Intl.NumberFormat(lang, {
        style: 'currency',
        currency,
        // "¥", not "CN¥": the console writes yuan with the plain sign in both languages.
        currencyDisplay: 'narrowSymbol',
      }),
  ).format(value);
}

/** A calendar date written YYYY-MM-DD, or a month YYYY-MM; anything else as it is. */
export function formatDate(text: string, lang: Lang): string {
  const match = DATE.exec(text);
  if (!match) return text;
  const [, year, month, day] = match;
  // Noon UTC, read in UTC: the same calendar day wherever the code runs.
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1), 12));
  if (date.getUTCMonth() !== Number(month) - 1) return text;
  const kind = day === undefined ? 'month' : 'date';
  return formatter(`${kind} ${lang}`, () => {
    const formats = BY_LANG[lang].values.formats;
    return new Intl.DateTimeFormat(lang, { ...formats[kind], timeZone: 'UTC' });
  }).format(date);
}
