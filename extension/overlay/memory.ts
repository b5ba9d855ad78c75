import { writeFact } from '../../engine/facts.ts';
import type { FactValue } from '../../engine/pages.ts';
import type { Facts } from '../../engine/types.ts';
import type { FactOrigin } from '../../components/model.ts';
import { ACCOUNT_FACT } from '../dom/account.ts';
import type { FieldReading } from '../dom/extract.ts';
import {
  activeConfirmations,
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
 * is stored: confirmations live in the page's session only.
 */
export class AccountMemory {
  private cache: { account: string; record: AccountRecord } | undefined;
  private known: string[] | undefined;

  constructor(
    private readonly store: FactStore,
    private readonly now: () => number,
  ) {}

  /** The names of the accounts this profile has seen (kept until storage changes). */
  async knownAccounts(): Promise<string[]> {
    this.known ??= await this.store.accounts();
    return this.known;
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
    const record = await this.store.remember(account, toRemember, pageId);
    this.cache = { account, record };
    this.known = undefined;
    memo.rememberedKey = key;
    return record;
  }

  /** The partner's "I checked" for an undecided rule. */
  async confirm(
    account: string | undefined,
    rule: string,
    pageId: string,
    memo: PageMemo,
  ): Promise<void> {
    if (account) this.keep(await this.store.confirm(account, rule, pageId));
    else memo.localConfirmations.set(rule, { page: pageId, confirmedAt: this.now() });
  }

  async unconfirm(account: string | undefined, rule: string, memo: PageMemo): Promise<void> {
    if (account) this.keep(await this.store.unconfirm(account, rule));
    else memo.localConfirmations.delete(rule);
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
    const record = await this.store.load(account);
    this.cache = { account, record };
    return record;
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
  const confirmations = record
    ? activeConfirmations(record, at)
    : Object.fromEntries(memo.localConfirmations);
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
