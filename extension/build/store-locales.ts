import { BROWSER_LOCALES, LANGS, WORDS } from '../../locales/index.ts';

/** The listing's language when the browser's is neither (the stores' primary listing). */
export const DEFAULT_LOCALE = BROWSER_LOCALES.en;

/**
 * `_locales/<lang>/messages.json` for the manifest's `__MSG_name__` and
 * `__MSG_description__`, written from locales/ at build time so the store listing keeps its
 * words in the same home as every other text.
 */
export function storeLocaleFiles(): { relativeDest: string; contents: string }[] {
  return LANGS.map((lang) => {
    const { name, description } = WORDS[lang].store;
    const messages = {
      name: { message: name, description: 'The extension’s name in the store and the browser.' },
      description: { message: description, description: 'The store listing’s summary.' },
    };
    return {
      relativeDest: `_locales/${BROWSER_LOCALES[lang]}/messages.json`,
      contents: `${JSON.stringify(messages, null, 2)}\n`,
    };
  });
}
