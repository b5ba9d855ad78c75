/** Languages every user-facing text is written in. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
/** One text in every language. */
export type Localized = Record<Lang, string>;

/** Each language's folder name in a browser extension's `_locales/` (`zh_CN`). */
export const BROWSER_LOCALES: Record<Lang, string> = { 'zh-CN': 'zh_CN', en: 'en' };
