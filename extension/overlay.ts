import { h, type ComponentChild } from 'preact';
import { createEvaluator, DATE_FACT } from '../engine/evaluate.ts';
import { writeFact } from '../engine/facts.ts';
import type { CompiledPageMap, FactValue } from '../engine/pages.ts';
import { summarizeEligibility } from '../engine/summary.ts';
import type { CompiledPack, ExplainNode, Facts, Lang, RuleResult } from '../engine/types.ts';
import { FieldWarning } from '../components/FieldWarning.tsx';
import type {
  FactOrigin,
  FlowEligibilityView,
  GuardView,
  ItemView,
  ViewContext,
} from '../components/model.ts';
import { Overlay, type OverlayContent } from '../components/Overlay.tsx';
import { extractFacts, type FieldReading } from './dom/extract.ts';
import {
  activeConfirmations,
  rememberedFacts,
  type AccountRecord,
  type FactStore,
  type StoredConfirmation,
} from './fact-store.ts';
import type { Anchor } from './dom/labels.ts';
import { FieldWarningLayer } from './field-warnings.ts';
import { pageLang } from './locale.ts';
import { matchPage } from './route.ts';
import { watchPage, type PageWatch } from './spa.ts';
import { installSubmitGuard, type GuardChoice } from './submit-guard.ts';

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

interface Session {
  page: CompiledPageMap;
  heading: Element;
  controller: AbortController;
  /** What was last written to storage from this page, to write only on change. */
  rememberedKey?: string;
  /** Confirmations kept in memory when no account is recognised. */
  localConfirmations: Map<string, StoredConfirmation>;
  /** Block items failing as last evaluated, for the submit guard. */
  failing: RuleResult[];
  guard?: GuardView;
  /** The last rendered panel, to re-render when only the guard changes. */
  rendered?: { content: OverlayContent; ctx: ViewContext };
  /** The fields last read, to tell which one the partner is working in. */
  fields: FieldReading[];
  /**
   * Facts of the editable fields the partner has worked in: only these show inline warnings
   * (all of them once a submission was held), so warnings never jump at untouched fields.
   */
  touched: Set<string>;
  isSubmitAttempted: boolean;
}

const PAGE_FACT: FactOrigin['origin'] = 'page';

/**
 * The bridge between the page, the evaluator and the views. Follows the single-page app,
 * reads the current page into facts, adds the account's remembered ones, evaluates the
 * page's flow (or, on the overview, every program flow) and renders the checklist, the
 * inline warnings and the submit guard. Any error is reported and the page is left as is.
 */
export function startOverlay(options: OverlayOptions): Overlay {
  const { win, signal, bundle, store, panel } = options;
  const doc = win.document;
  const now = options.now ?? Date.now;
  const report = options.onError ?? (() => {});
  const evaluator = createEvaluator(bundle.pack);
  const flows = new Map(bundle.pack.flows.map((f) => [f.id, f]));
  const pagesById = new Map(bundle.pageMaps.map((p) => [p.id, p]));
  const warnings = new FieldWarningLayer(doc, () => panel.css());
  let session: Session | undefined;
  let cache: { account: string; record: AccountRecord } | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const pageTitle = (pageId: string, lang: Lang) => {
    const page = pagesById.get(pageId);
    return (page?.flow ? flows.get(page.flow)?.title[lang] : page?.heading[lang][0]) ?? pageId;
  };

  const endSession = () => {
    if (!session) return;
    session.controller.abort();
    session = undefined;
    safely(() => panel.hide());
    safely(() => warnings.clear());
    safely(() => options.onRender?.(undefined));
  };

  const safely = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      report(error);
    }
  };

  const loadRecord = async (account: string): Promise<AccountRecord> => {
    if (cache?.account === account) return cache.record;
    const record = await store.load(account);
    cache = { account, record };
    return record;
  };

  const setRecord = (record: AccountRecord) => {
    cache = { account: record.account, record };
  };

  const renderPanel = () => {
    if (!session?.rendered) return;
    const { content, ctx } = session.rendered;
    const s = session;
    const account = ctx.account;
    const act = (fn: () => Promise<unknown>) => () =>
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
          onConfirm: (rule) =>
            act(async () => {
              if (account) setRecord(await store.confirm(account, rule, s.page.id));
              else s.localConfirmations.set(rule, { page: s.page.id, confirmedAt: now() });
            })(),
          onForget: (rule) =>
            act(async () => {
              if (account) setRecord(await store.unconfirm(account, rule));
              else s.localConfirmations.delete(rule);
            })(),
          onForgetAll: () =>
            act(async () => {
              s.localConfirmations.clear();
              if (!account) return;
              await store.forget(account);
              cache = undefined;
              delete s.rememberedKey;
            })(),
        },
      }),
    );
  };

  const startSession = (page: CompiledPageMap, heading: Element): Session => {
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), {
      once: true,
      signal: controller.signal,
    });
    const s: Session = {
      page,
      heading,
      controller,
      localConfirmations: new Map(),
      failing: [],
      fields: [],
      touched: new Set(),
      isSubmitAttempted: false,
    };
    if (page.show === 'checklist') {
      for (const type of ['input', 'change', 'click']) {
        doc.addEventListener(type, (event) => markTouched(s, event.target), {
          capture: true,
          passive: true,
          signal: controller.signal,
        });
      }
      installSubmitGuard({
        win,
        signal: controller.signal,
        submitTexts: page.submit,
        current: () => ({ isCurrent: !watch.isPending() && !running, failing: s.failing }),
        settle: async () => {
          await refresh();
          return s.failing;
        },
        ask: (failing) =>
          new Promise<GuardChoice>((resolve) => {
            s.isSubmitAttempted = true;
            const previous = doc.activeElement;
            const close = (choice: GuardChoice) => {
              delete s.guard;
              safely(renderPanel);
              if (choice === 'go-back' && previous instanceof HTMLElement) previous.focus();
              resolve(choice);
            };
            s.guard = {
              failing,
              onGoBack: () => close('go-back'),
              onSubmitAnyway: () => close('submit-anyway'),
            };
            controller.signal.addEventListener('abort', () => resolve('go-back'), { once: true });
            safely(renderPanel);
            // Every field's warning shows from now on, touched or not.
            void refresh();
          }),
        onError: report,
      });
    }
    return s;
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
      session = startSession(match.page, match.heading);
    }
    const s = session;
    s.heading = match.heading;
    const { page } = s;
    const lang = options.lang?.() ?? pageLang(doc, href);
    const read = extractFacts(doc, page.fields);
    const accountName = read.facts['account.name'];
    const account = typeof accountName === 'string' ? accountName : undefined;

    let record: AccountRecord | undefined;
    if (account) {
      const toRemember = rememberable(read.fields);
      const key = `${account}\n${JSON.stringify(toRemember)}`;
      if (s.rememberedKey !== key) {
        record = await store.remember(account, toRemember, page.id);
        setRecord(record);
        s.rememberedKey = key;
      } else {
        record = await loadRecord(account);
      }
    }
    if (session !== s) return;

    const at = now();
    const facts: Facts = {};
    const origins: Record<string, FactOrigin> = {};
    for (const [name, fact] of Object.entries(record ? rememberedFacts(record, at) : {})) {
      const base = {
        value: fact.value,
        pageTitle: pageTitle(fact.page, lang),
        readAt: fact.readAt,
      };
      if (fact.isStale) {
        origins[name] = { origin: 'stale', ...base };
      } else {
        origins[name] = { origin: 'remembered', ...base };
        writeFact(facts, name, fact.value);
      }
    }
    for (const [name, value] of Object.entries(read.facts)) {
      origins[name] = { origin: PAGE_FACT, value };
      writeFact(facts, name, value);
    }
    const confirmations = record
      ? activeConfirmations(record, at)
      : Object.fromEntries(s.localConfirmations);
    const ctx: ViewContext = {
      lang,
      vocabulary: bundle.pack.facts,
      now: at,
      facts: origins,
      ...(account ? { account } : {}),
    };

    let content: OverlayContent;
    let items: ItemView[] = [];
    if (page.show === 'eligibility') {
      const programs = bundle.pack.flows.filter((f) => f.isProgram);
      const views: FlowEligibilityView[] = [];
      for (const flow of programs) {
        const result = await evaluator.evaluate(flow.id, facts, { lang });
        // What the partner ticks or types while applying is not a condition on the account.
        const accountRules = result.results.filter((r) => !isFormOnly(r));
        const flowItems = toItems(accountRules, confirmations, editableFacts(read.fields));
        const counted = flowItems.map((i) => ({ ...i.result, status: i.status }));
        const eligibility = summarizeEligibility(counted);
        views.push({
          flow: flow.id,
          title: flow.title[lang],
          status: eligibility.status,
          items: flowItems.filter(
            (i) =>
              i.result.severity === 'block' &&
              (i.status === 'fail' || i.status === 'unknown' || i.confirmedAt !== undefined),
          ),
          missing: eligibility.missing,
        });
      }
      content = { kind: 'eligibility', flows: views };
    } else {
      const flowId = page.flow!;
      const result = await evaluator.evaluate(flowId, facts, { lang });
      items = toItems(result.results, confirmations, editableFacts(read.fields));
      content = {
        kind: 'checklist',
        view: { flowTitle: flows.get(flowId)?.title[lang] ?? flowId, items },
      };
    }
    if (session !== s || signal.aborted) return;

    s.fields = read.fields;
    s.failing = items
      .filter((i) => i.result.severity === 'block' && i.status === 'fail')
      .map((i) => i.result);
    s.rendered = { content, ctx };
    safely(renderPanel);
    safely(() => options.onRender?.({ page, content }));
    if (page.show === 'checklist') safely(() => renderWarnings(s, read.fields, items, lang));
  };

  const renderWarnings = (s: Session, fields: FieldReading[], items: ItemView[], lang: Lang) => {
    const { page } = s;
    const byFact = new Map<string, FieldReading>();
    for (const reading of fields) {
      for (const name of [reading.field.fact, ...Object.keys(reading.facts)]) {
        if (!byFact.has(name)) byFact.set(name, reading);
      }
    }
    const groups = new Map<FieldReading, RuleResult[]>();
    // Every editable field keeps a (possibly empty) live region beside it.
    for (const reading of fields) if (reading.control) groups.set(reading, []);
    for (const item of items) {
      if (item.status !== 'fail') continue;
      const r = item.result;
      const fact =
        page.warnings[r.rule] ??
        firstFieldFact(r.require, byFact) ??
        firstFieldFact(r.when, byFact);
      const reading = fact ? byFact.get(fact) : undefined;
      if (!reading) continue;
      const isShown = !reading.control || s.isSubmitAttempted || s.touched.has(reading.field.fact);
      if (!isShown) continue;
      groups.set(reading, [...(groups.get(reading) ?? []), r]);
    }
    const entries: { anchor: Anchor; content: ComponentChild }[] = [];
    const seen = new Set<Element>();
    for (const [reading, results] of groups) {
      if (seen.has(reading.anchor.el)) continue;
      seen.add(reading.anchor.el);
      entries.push({ anchor: reading.anchor, content: h(FieldWarning, { results, lang }) });
    }
    warnings.render(entries);
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
    cache = undefined;
    void refresh();
  });
  signal.addEventListener('abort', endSession, { once: true });
  return { refresh };
}

/** Marks the field an event happened in (its control, its box, or the popup it controls). */
function markTouched(s: Session, target: EventTarget | null): void {
  if (!(target instanceof Node)) return;
  for (const reading of s.fields) {
    const control = reading.control;
    if (!control) continue;
    const popups =
      `${control.getAttribute('aria-controls') ?? ''} ${control.getAttribute('aria-owns') ?? ''}`
        .split(/\s+/u)
        .filter(Boolean);
    const isInPopup = popups.some((id) =>
      target.ownerDocument?.getElementById(id)?.contains(target),
    );
    if (control.contains(target) || reading.anchor.el.contains(target) || isInPopup) {
      s.touched.add(reading.field.fact);
    }
  }
}

/** Facts of the fields a page map marks as remembered. */
function rememberable(fields: FieldReading[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const reading of fields) {
    if (!reading.field.isRemembered) continue;
    for (const [name, value] of Object.entries(reading.facts)) out[name] ??= value;
  }
  return out;
}

/** Facts the partner can fill in on this page: its editable fields that are shown. */
function editableFacts(fields: FieldReading[]): Set<string> {
  const out = new Set<string>();
  for (const reading of fields) {
    if (!reading.control) continue;
    out.add(reading.field.fact);
    for (const value of reading.field.values ?? [])
      for (const name of Object.keys(value.facts)) out.add(name);
  }
  return out;
}

/**
 * Results as items: an undecided rule the partner confirmed shows as met, by them. A rule
 * may be confirmed by hand when what it misses cannot be filled in on this page.
 */
function toItems(
  results: RuleResult[],
  confirmations: Record<string, StoredConfirmation>,
  editable: Set<string>,
): ItemView[] {
  return results.map((result) => {
    const confirmation = result.status === 'unknown' ? confirmations[result.rule] : undefined;
    return {
      result,
      status: confirmation ? 'pass' : result.status,
      ...(confirmation ? { confirmedAt: confirmation.confirmedAt } : {}),
      canConfirm: result.status === 'unknown' && result.missing.some((name) => !editable.has(name)),
    };
  });
}

/** Names of the facts a result's conditions read. */
function factsRead(node: ExplainNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.kind === 'fact') {
    out.push(node.fact);
    if (node.expectedFact) out.push(node.expectedFact);
  } else {
    for (const child of node.kind === 'not' ? [node.child] : node.children) factsRead(child, out);
  }
  return out;
}

/**
 * A rule about the application form alone (every fact it reads is a `form.` fact, filled in
 * while applying): the flow page checks it; the overview's eligibility does not.
 */
function isFormOnly(result: RuleResult): boolean {
  const names = [...factsRead(result.when), ...factsRead(result.require)].filter(
    (n) => n !== DATE_FACT,
  );
  return names.length > 0 && names.every((n) => n.startsWith('form.'));
}

/** The first fact a condition reads that is a field on this page, in reading order. */
function firstFieldFact(
  node: ExplainNode | undefined,
  fields: Map<string, FieldReading>,
): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'fact') {
    if (fields.has(node.fact)) return node.fact;
    return node.expectedFact && fields.has(node.expectedFact) ? node.expectedFact : undefined;
  }
  const children = node.kind === 'not' ? [node.child] : node.children;
  for (const child of children) {
    const found = firstFieldFact(child, fields);
    if (found) return found;
  }
  return undefined;
}
