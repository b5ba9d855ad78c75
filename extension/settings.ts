import { LANGS, type Lang } from '../engine/types.ts';
import { CONTENT_MATCHES } from './matches.ts';

/** The storage key of the partner's settings (in `browser.storage.local`, next to the accounts). */
export const SETTINGS_KEY = 'policylens:settings';

/** `page`: follow the page's language (`?locale=`, then `<html lang>`). */
export const LANG_CHOICES = ['page', ...LANGS] as const;
export type LangChoice = (typeof LANG_CHOICES)[number];

export interface Settings {
  /** Hosts PolicyLens is turned off on: it neither reads nor stores anything there. */
  disabledSites: string[];
  /** The language of every PolicyLens text (overlay, rule messages, popup, options). */
  lang: LangChoice;
}

export const DEFAULT_SETTINGS: Settings = { disabledSites: [], lang: 'page' };

/** The hosts the content script runs on, in the order of extension/matches.ts. */
export const SITES: readonly string[] = [...new Set(CONTENT_MATCHES.map((m) => new URL(m).host))];

/** Settings as stored, defensively: storage is outside the type system. */
export function parseSettings(stored: unknown): Settings {
  if (!stored || typeof stored !== 'object') return { ...DEFAULT_SETTINGS, disabledSites: [] };
  const raw = stored as Partial<Record<keyof Settings, unknown>>;
  const disabledSites = Array.isArray(raw.disabledSites)
    ? [...new Set(raw.disabledSites.filter((s): s is string => typeof s === 'string'))]
    : [];
  const lang = LANG_CHOICES.find((c) => c === raw.lang) ?? DEFAULT_SETTINGS.lang;
  return { disabledSites, lang };
}

export function isSiteEnabled(settings: Settings, host: string): boolean {
  return !settings.disabledSites.includes(host);
}

/** The settings with one site turned on or off. */
export function withSite(settings: Settings, host: string, isEnabled: boolean): Settings {
  const others = settings.disabledSites.filter((s) => s !== host);
  return { ...settings, disabledSites: isEnabled ? others : [...others, host] };
}

/** The language texts are shown in: the override, or the page's (or the browser's) language. */
export function resolveLang(choice: LangChoice, fallback: Lang): Lang {
  return choice === 'page' ? fallback : choice;
}

/** The browser's own language as one of ours: Chinese for any `zh`, English otherwise. */
export function browserLang(language: string | undefined): Lang {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The part of `browser.storage.local` settings need. */
export interface SettingsArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: SettingsArea): Promise<Settings> {
  return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(area: SettingsArea, settings: Settings): Promise<void> {
  await area.set({ [SETTINGS_KEY]: parseSettings(settings) });
}
