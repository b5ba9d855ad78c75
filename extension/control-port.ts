import { browser } from 'wxt/browser';
import type { PageCheckReport } from './page-check.ts';
import {
  CHECK_PAGE,
  GET_PAGE_STATE,
  isControlMessage,
  PAGE_STATE_CHANGED,
  type PageState,
} from './page-state.ts';
import { parseSettings, SETTINGS_KEY, type Settings } from './settings.ts';

// The content script's side of the extension APIs the popup and the settings need
// (extension/page-state.ts describes the protocol).

/** Calls back with the new settings whenever the popup or the options page changes them. */
export function onSettingsChange(signal: AbortSignal, listener: (settings: Settings) => void) {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) listener(parseSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), {
    once: true,
  });
}

/** Answers the popup's question about this tab. */
export function answerPageState(signal: AbortSignal, state: () => Promise<PageState>) {
  const onMessage = (message: unknown) =>
    isControlMessage(message) && message.type === GET_PAGE_STATE ? state() : undefined;
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), {
    once: true,
  });
}

/** Answers the page check: what the page maps read on this page now. */
export function answerPageCheck(signal: AbortSignal, check: () => Promise<PageCheckReport>) {
  const onMessage = (message: unknown) =>
    isControlMessage(message) && message.type === CHECK_PAGE ? check() : undefined;
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), {
    once: true,
  });
}

/** Tells an open popup what the page shows now; without one, nobody listens and that is fine. */
export function publishPageState(state: PageState): void {
  browser.runtime.sendMessage({ type: PAGE_STATE_CHANGED, state }).catch(() => undefined);
}
