import { writeFact } from '../../engine/facts.ts';
import type { FactValue } from '../../engine/pages.ts';
import type { Facts } from '../../engine/types.ts';
import type { FactOrigin } from '../../components/model.ts';
import { ACCOUNT_FACT } from '../dom/account.ts';
import type { FieldReading } from '../dom/extract.ts';
import {
  activeConfirmations,
  NotRememberedError,
  rememberedFacts,
  type AccountRecord,
  type FactStore,
  type StoredConfirmation,
} from '../fact-store.ts';

/** What one page's session keeps between reads (see Session). */
interface PageMemo {
  rememberedKey?: string;
  localConfirmations: Map<string, StoredConfirmation>;
}

/** The facts the rules get, where each came from, and the partner's confirmations. */
export interface KnownFacts {
  facts: Facts;
  origins: Record<string, FactOrigin>;
  confirmations: Record<string, StoredConfirmation>;
}

/**
 * The account's remembered facts and confirmations, as the overlay reads and writes them:
 * the last record is kept in memory, so a page that re-renders costs no storage read, and
 * what a page shows is written only when it changes. With no account recognised, nothing
 * is stored: confirmations live in the page's session only. When storage fails (full, or
 * refusing), the page's own facts are used, confirmations live in the session, and
 * `isNotRemembered` says so until a write succeeds again.
 */
export class AccountMemory {
  private cache: { account: string; record: AccountRecord } | undefined;
  private known: string[] | undefined;
  /** Accounts whose last write (or read) storage refused. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly store: FactStore,
    private readonly now: () => number,
  ) {}

  /** The names of the accounts this profile has seen (kept until storage changes). */
  async knownAccounts(): Promise<string[]> {
    // Storage that cannot be read knows no accounts: the page must vouch for itself.
    this.known ??= await this.store.accounts().catch(() => []);
    return this.known;
  }

  /** True when nothing could be remembered for the account: storage refused it. */
  isNotRemembered(account: string): boolean {
    return this.failed.has(account);
  }

  /** Remembers what the page shows for the account (on change) and returns its record. */
  async recall(
    account: string,
    fields: FieldReading[],
    pageId: string,
    memo: PageMemo,
  ): Promise<AccountRecord> {
    const toRemember = { [ACCOUNT_FACT]: account, ...rememberable(fields) };
    const key = `${account}\n${JSON.stringify(toRemember)}`;
    if (memo.rememberedKey === key) return this.load(account);
    // Tried once for what the page shows: a refused write is not retried on every re-render.
    memo.rememberedKey = key;
    try {
      const record = await this.store.remember(account, toRemember, pageId);
      this.failed.delete(account);
      this.cache = { account, record };
      this.known = undefined;
      return record;
    } catch (error) {
      if (!(error instanceof NotRememberedError)) throw error;
      this.failed.add(account);
      return this.load(account);
    }
  }

  /** The partner's "I checked" for an undecided rule. */
  async confirm(
    account: string | undefined,
    rule: string,
    pageId: string,
    memo: PageMemo,
  ): Promise<void> {
    const keepLocally = () => {
      memo.localConfirmations.set(rule, { page: pageId, confirmedAt: this.now() });
    };
    if (!account) return keepLocally();
    try {
      this.keep(await this.store.confirm(account, rule, pageId));
      this.failed.delete(account);
    } catch (error) {
      if (!(error instanceof NotRememberedError)) throw error;
      // Not remembered, but the partner's word holds while they stay on the page.
      this.failed.add(account);
      keepLocally();
    }
  }

  async unconfirm(account: string | undefined, rule: string, memo: PageMemo): Promise<void> {
    memo.localConfirmations.delete(rule);
    if (!account) return;
    try {
      this.keep(await this.store.unconfirm(account, rule));
      this.failed.delete(account);
    } catch (error) {
      if (!(error instanceof NotRememberedError)) throw error;
      this.failed.add(account);
    }
  }

  /** Forgets everything remembered for the account and confirmed on this page. */
  async forget(account: string | undefined, memo: PageMemo): Promise<void> {
    memo.localConfirmations.clear();
    if (!account) return;
    await this.store.forget(account);
    this.invalidate();
    delete memo.rememberedKey;
  }

  /** Storage changed elsewhere (another tab, the options page): read it again. */
  invalidate(): void {
    this.cache = undefined;
    this.known = undefined;
  }

  private async load(account: string): Promise<AccountRecord> {
    if (this.cache?.account === account) return this.cache.record;
    try {
      const record = await this.store.load(account);
      this.cache = { account, record };
      return record;
    } catch {
      // Storage that cannot be read remembers nothing: the page's own facts are used.
      this.failed.add(account);
      return { account, facts: {}, confirmations: {} };
    }
  }

  private keep(record: AccountRecord): void {
    this.cache = { account: record.account, record };
  }
}

/**
 * The page's facts over the account's remembered ones: a fact the page shows wins; a stale
 * remembered fact is shown with its age but not used.
 */
export function knownFacts(
  record: AccountRecord | undefined,
  read: { facts: Record<string, FactValue> },
  memo: PageMemo,
  at: number,
  pageTitle: (pageId: string) => string,
): KnownFacts {
  const facts: Facts = {};
  const origins: Record<string, FactOrigin> = {};
  for (const [name, fact] of Object.entries(record ? rememberedFacts(record, at) : {})) {
    const base = { value: fact.value, pageTitle: pageTitle(fact.page), readAt: fact.readAt };
    if (fact.isStale) {
      origins[name] = { origin: 'stale', ...base };
    } else {
      origins[name] = { origin: 'remembered', ...base };
      writeFact(facts, name, fact.value);
    }
  }
  for (const [name, value] of Object.entries(read.facts)) {
    origins[name] = { origin: 'page', value };
    writeFact(facts, name, value);
  }
  // Confirmations kept in the session (no account, or storage refused them) count too.
  const confirmations = {
    ...(record ? activeConfirmations(record, at) : {}),
    ...Object.fromEntries(memo.localConfirmations),
  };
  return { facts, origins, confirmations };
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
