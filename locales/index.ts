// The one home of PolicyLens's own words, in every language: the overlay, the popup and
// options page, the evaluator's reasons, the CLI and the rule catalogue read them here.
// Plain data and functions of strings, no browser or Node API, so all of them can import it.
import { en } from './en.ts';
import type { Lang } from './langs.ts';
import type { Words } from './words.ts';
import { zhCN } from './zh-CN.ts';

export { formatAmount, formatDate, formatNumber } from './format.ts';
export { BROWSER_LOCALES, LANGS, type Lang, type Localized } from './langs.ts';
export type * from './words.ts';

export const WORDS: Record<Lang, Words> = { 'zh-CN': zhCN, en };

/** Every text of one language. */
export function words(lang: Lang): Words {
  return WORDS[lang];
}
