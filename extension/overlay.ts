import { h, type ComponentChild } from 'preact';
import { today } from '../engine/dates.ts';
import { createEvaluator } from '../engine/evaluate.ts';
import type { CompiledPageMap } from '../engine/pages.ts';
import type { CompiledPack, Lang } from '../engine/types.ts';
import type { ViewContext } from '../components/model.ts';
import { Overlay, type OverlayContent } from '../components/Overlay.tsx';
import { readPage } from './dom/read-page.ts';
import { isRememberable, type AccountRecord, type FactStore } from './fact-store.ts';
import { FieldWarningLayer } from './field-warnings.ts';
import { pageLang } from './locale.ts';
import { evaluatePage } from './overlay/content.ts';
import { AccountMemory, knownFacts } from './overlay/memory.ts';
import { startSession, updateFields, type Session } from './overlay/session.ts';
import { placeWarnings } from './overlay/warnings.ts';
import { matchPage } from './route.ts';
import { watchPage, type PageWatch } from './spa.ts';

/** The rules and page maps, compiled and validated at build time. */
export interface PackBundle {
  pack: CompiledPack;
  pageMaps: CompiledPageMap[];
}

/** Where the panel lives: a shadow root placed right after the page heading. */
export interface PanelHost {
  show(anchor: Element, content: ComponentChild): void;
  hide(): void;
  /** The overlay's CSS, for the inline warnings' own shadow roots. */
  css(): string;
}

export interface OverlayOptions {
  win: Window;
  signal: AbortSignal;
  bundle: PackBundle;
  store: FactStore;
  panel: PanelHost;
  /** Calls back when remembered facts change (e.g. another tab read the overview). */
  onStorageChange?: (listener: () => void) => void;
  now?: () => number;
  onError?: (error: unknown) => void;
  /** The language the partner chose in the settings; undefined: the page's language. */
  lang?: () => Lang | undefined;
  /** What the panel shows after each render; undefined once it is removed (for the popup). */
  onRender?: (rendered: { page: CompiledPageMap; content: OverlayContent } | undefined) => void;
}

export interface Overlay {
  /** Reads the page and renders now (the watcher calls it on every change). */
  refresh(): Promise<void>;
}

/**
 * The bridge between the page, the evaluator and the views. Follows the single-page app,
 * reads the current page into facts, adds the account's remembered ones, evaluates the
 * page's flow (or, on the overview, every program flow) and renders the checklist, the
 * inline warnings and the submit guard. Any error is reported and the page is left as is.
 */
export function startOverlay(options: OverlayOptions): Overlay {
  const { win, signal, bundle, panel } = options;
  const doc = win.document;
  const now = options.now ?? Date.now;
  const report = options.onError ?? (() => {});
  const evaluator = createEvaluator(bundle.pack);
  const memory = new AccountMemory(options.store, now);
  const flows = new Map(bundle.pack.flows.map((f) => [f.id, f]));
  const pagesById = new Map(bundle.pageMaps.map((p) => [p.id, p]));
  const warnings = new FieldWarningLayer(doc, () => panel.css());
  let session: Session | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const pageTitle = (pageId: string, lang: Lang) => {
    const page = pagesById.get(pageId);
    return (page?.flow ? flows.get(page.flow)?.title[lang] : page?.heading[lang][0]) ?? pageId;
  };

  const safely = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      report(error);
    }
  };

  const endSession = () => {
    if (!session) return;
    session.controller.abort();
    session = undefined;
    safely(() => panel.hide());
    safely(() => warnings.clear());
    safely(() => options.onRender?.(undefined));
  };

  const renderPanel = () => {
    const s = session;
    if (!s?.rendered) return;
    const { content, ctx } = s.rendered;
    const { account } = ctx;
    const act = (fn: () => Promise<unknown>) =>
      void fn()
        .catch(report)
        .then(() => refresh());
    panel.show(
      s.heading,
      h(Overlay, {
        content,
        ctx,
        guard: s.guard,
        actions: {
          onConfirm: (rule) => act(() => memory.confirm(account, rule, s.page.id, s)),
          onForget: (rule) => act(() => memory.unconfirm(account, rule, s)),
          onForgetAll: () => act(() => memory.forget(account, s)),
        },
      }),
    );
  };

  const update = async () => {
    // Stopped (the partner turned the site off): read nothing, store nothing.
    if (signal.aborted) return;
    const href = win.location.href;
    const match = matchPage(doc, href, bundle.pageMaps);
    if (!match) {
      endSession();
      return;
    }
    if (!session || session.page.id !== match.page.id) {
      endSession();
      session = startSession({
        win,
        signal,
        page: match.page,
        heading: match.heading,
        isBehind: () => watch.isPending() || running !== undefined,
        refresh,
        renderPanel: () => safely(renderPanel),
        onError: report,
      });
    }
    const s = session;
    s.heading = match.heading;
    const { page } = s;
    const lang = options.lang?.() ?? pageLang(doc, href);
    const knownAccounts = await memory.knownAccounts();
    if (session !== s) return;
    const read = readPage(doc, page, { heading: match.heading, knownAccounts });
    // Only an account the page vouches for keys what is remembered (extension/dom/account.ts),
    // and only by a name short enough to keep things by (extension/fact-store.ts).
    const shownAccount = read.account.name;
    const account =
      shownAccount !== undefined && isRememberable(shownAccount) ? shownAccount : undefined;
    if (account !== s.account) {
      // Another account on the same page: what was confirmed for the last one is not its.
      s.localConfirmations.clear();
      s.account = account;
    }

    const record: AccountRecord | undefined = account
      ? await memory.recall(account, read.fields, page.id, s)
      : undefined;
    if (session !== s) return;

    const at = now();
    // The policies are China's: the rules in force are those of today's date in Asia/Shanghai,
    // whatever the time zone of the partner's computer.
    const date = today(new Date(at));
    const known = knownFacts(record, read, s, at, (id) => pageTitle(id, lang));
    const ctx: ViewContext = {
      lang,
      vocabulary: bundle.pack.facts,
      now: at,
      date,
      facts: known.origins,
      ...(account ? { account } : {}),
      ...(shownAccount !== undefined && !account
        ? { notRemembered: 'nameTooLong' as const }
        : account && memory.isNotRemembered(account)
          ? { notRemembered: 'storage' as const }
          : {}),
    };
    const { content, items } = await evaluatePage({
      evaluator,
      pack: bundle.pack,
      page,
      facts: known.facts,
      confirmations: known.confirmations,
      fields: read.fields,
      lang,
      at: date,
    });
    if (session !== s || signal.aborted) return;

    updateFields(s, read.fields);
    s.failing = items
      .filter((i) => i.result.severity === 'block' && i.status === 'fail')
      .map((i) => i.result);
    s.rendered = { content, ctx };
    safely(renderPanel);
    safely(() => options.onRender?.({ page, content }));
    if (page.show === 'checklist') safely(() => warnings.render(placeWarnings(s, items, lang)));
  };

  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await update();
        } catch (error) {
          report(error);
        }
      } while (again && !signal.aborted);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const watch: PageWatch = watchPage({
    signal,
    win,
    onChange: () => void refresh(),
    // Until the panel shows, every change may be the page appearing: mount it at once, so
    // it is in place before the partner starts on the form below it.
    domDelayMs: () => (session?.rendered ? 120 : 0),
  });
  options.onStorageChange?.(() => {
    memory.invalidate();
    void refresh();
  });
  signal.addEventListener('abort', endSession, { once: true });
  return { refresh };
}
