import type { CompiledPageMap } from '../engine/pages.ts';
import type { Lang } from '../engine/types.ts';
import type { OverlayContent } from '../components/Overlay.tsx';
import { pageLang } from './locale.ts';
import type { Overlay } from './overlay.ts';
import { summarizePage, type PageState, type PageSummary } from './page-state.ts';
import {
  isSiteEnabled,
  loadSettings,
  resolveLang,
  type Settings,
  type SettingsArea,
} from './settings.ts';

/** What the overlay is started with under the settings. */
export interface OverlayHooks {
  /** The language override, read on every render. */
  lang(): Lang | undefined;
  onRender(rendered: { page: CompiledPageMap; content: OverlayContent } | undefined): void;
}

export interface SiteControlOptions {
  win: Window;
  signal: AbortSignal;
  area: SettingsArea;
  /** Calls back with the new settings whenever they change (the popup, the options page). */
  onSettingsChange(listener: (settings: Settings) => void): void;
  /** Starts the overlay; it stops when `signal` aborts (the site is turned off). */
  startOverlay(signal: AbortSignal, hooks: OverlayHooks): Overlay;
  /** Tells an open popup that what the page shows changed. */
  publish?(state: PageState): void;
  onError?(error: unknown): void;
}

export interface SiteControl {
  /** The page's state once the settings are read: what the popup asks for. */
  state(): Promise<PageState>;
}

/**
 * Runs the overlay on this site only while the partner has it on, in the language they
 * chose, following both live: turning the site off removes the overlay and stops all reading
 * and storing; a new language re-renders every text and message at once.
 */
export function startSiteControl(options: SiteControlOptions): SiteControl {
  const { win, signal } = options;
  const report = options.onError ?? (() => {});
  const host = win.location.host;
  let settings: Settings | undefined;
  let running: { controller: AbortController; overlay: Overlay } | undefined;
  let summary: PageSummary | undefined;
  let published = '';

  const current = (): PageState => ({
    host,
    isEnabled: settings ? isSiteEnabled(settings, host) : true,
    pageLang: pageLang(win.document, win.location.href),
    ...(summary ? { page: summary } : {}),
  });

  const publish = () => {
    const state = current();
    const text = JSON.stringify(state);
    if (text === published) return;
    published = text;
    try {
      options.publish?.(state);
    } catch (error) {
      report(error);
    }
  };

  const hooks: OverlayHooks = {
    lang: () => (settings && settings.lang !== 'page' ? settings.lang : undefined),
    onRender: (rendered) => {
      summary = rendered ? summarizePage(rendered.page, rendered.content) : undefined;
      publish();
    },
  };

  const apply = async (next: Settings) => {
    const previous = settings;
    settings = next;
    const isEnabled = isSiteEnabled(next, host);
    if (!isEnabled && running) {
      running.controller.abort();
      running = undefined;
      summary = undefined;
    } else if (isEnabled && !running && !signal.aborted) {
      const controller = new AbortController();
      signal.addEventListener('abort', () => controller.abort(), {
        once: true,
        signal: controller.signal,
      });
      running = { controller, overlay: options.startOverlay(controller.signal, hooks) };
      await running.overlay.refresh();
    } else if (running && previous && langOf(previous, win) !== langOf(next, win)) {
      await running.overlay.refresh();
    }
    publish();
  };

  // Settings changes are applied in order, each after the previous one finished.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (next: () => Promise<Settings>) => {
    queue = queue.then(next).then(apply).catch(report);
    return queue;
  };

  const ready = enqueue(() => loadSettings(options.area));
  options.onSettingsChange((next) => void enqueue(async () => next));
  signal.addEventListener('abort', () => running?.controller.abort(), { once: true });

  return {
    state: async () => {
      await ready;
      return current();
    },
  };
}

function langOf(settings: Settings, win: Window): Lang {
  return resolveLang(settings.lang, pageLang(win.document, win.location.href));
}
