import type { FactValue } from '../engine/pages.ts';
import { normalizeText } from './text.ts';

/** Remembered facts older than this count as unknown (shown with their age, not used). */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Entries older than this are dropped when the record is next written. */
const DROP_AFTER_MS = 30 * STALE_AFTER_MS;
/** A value read again unchanged is rewritten at most this often (typing never floods storage). */
const REFRESH_AFTER_MS = 10 * 60 * 1000;

export const KEY_PREFIX = 'policylens:account:';

/** The part of `browser.storage.local` the store uses; tests pass an in-memory fake. */
export interface StorageAreaLike {
  /** `null`: every item. */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StoredFact {
  value: FactValue;
  /** Id of the page it was read on. */
  page: string;
  /** When it was read, ms since the epoch. */
  readAt: number;
}

export interface StoredConfirmation {
  /** Id of the page it was confirmed on. */
  page: string;
  confirmedAt: number;
}

/** Everything remembered for one account, under one storage key: accounts never mix. */
export interface AccountRecord {
  /** The account name as the page shows it. */
  account: string;
  facts: Record<string, StoredFact>;
  /** Rule id -> the partner's "I checked" for a rule that could not be decided. */
  confirmations: Record<string, StoredConfirmation>;
}

/** The storage key of an account: its name as shown, normalized (width, spacing, case). */
export function accountKey(account: string): string {
  return `${KEY_PREFIX}${normalizeText(account)}`;
}

export function isStale(at: number, now: number): boolean {
  return now - at > STALE_AFTER_MS;
}

/** A remembered fact as the overlay uses it: fresh ones count, stale ones are only shown. */
export interface RememberedFact extends StoredFact {
  isStale: boolean;
}

/** The record's facts, each marked fresh or stale at `now`. */
export function rememberedFacts(
  record: AccountRecord,
  now: number,
): Record<string, RememberedFact> {
  const out: Record<string, RememberedFact> = {};
  for (const [name, fact] of Object.entries(record.facts)) {
    out[name] = { ...fact, isStale: isStale(fact.readAt, now) };
  }
  return out;
}

/** The confirmations still fresh at `now` (a confirmation goes stale like a fact). */
export function activeConfirmations(
  record: AccountRecord,
  now: number,
): Record<string, StoredConfirmation> {
  return Object.fromEntries(
    Object.entries(record.confirmations).filter(([, c]) => !isStale(c.confirmedAt, now)),
  );
}

/**
 * Facts remembered per account in extension storage, on this machine only. Each account
 * has one key (`policylens:account:<normalized name>`) holding its facts, each with the page
 * it was read on and when, and the partner's manual confirmations.
 */
export class FactStore {
  constructor(
    private readonly area: StorageAreaLike,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The names of the accounts remembered here, as their pages showed them: the names this
   * profile has seen, by which the signed-in account is recognised in a page's top bar.
   * An account whose record was forgotten is no longer among them.
   */
  async accounts(): Promise<string[]> {
    const all = await this.area.get(null);
    const names: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(KEY_PREFIX)) continue;
      const shown = (value as { account?: unknown } | null)?.account;
      if (typeof shown === 'string' && shown.trim() !== '') names.push(shown);
    }
    return names;
  }

  async load(account: string): Promise<AccountRecord> {
    const key = accountKey(account);
    const stored = (await this.area.get(key))[key];
    return parseRecord(stored, account);
  }

  /**
   * Remembers facts read on a page. Unchanged values read again recently are not rewritten.
   * Returns the record as stored.
   */
  async remember(
    account: string,
    facts: Record<string, FactValue>,
    page: string,
  ): Promise<AccountRecord> {
    const record = await this.load(account);
    const now = this.now();
    let isChanged = false;
    for (const [name, value] of Object.entries(facts)) {
      const old = record.facts[name];
      if (old && old.value === value && now - old.readAt < REFRESH_AFTER_MS) continue;
      record.facts[name] = { value, page, readAt: now };
      isChanged = true;
    }
    if (isChanged) await this.save(record);
    return record;
  }

  /** Records the partner's "I checked" for a rule that could not be decided. */
  async confirm(account: string, rule: string, page: string): Promise<AccountRecord> {
    const record = await this.load(account);
    record.confirmations[rule] = { page, confirmedAt: this.now() };
    await this.save(record);
    return record;
  }

  /** Takes back one confirmation. */
  async unconfirm(account: string, rule: string): Promise<AccountRecord> {
    const record = await this.load(account);
    delete record.confirmations[rule];
    await this.save(record);
    return record;
  }

  /** Forgets everything remembered for the account: facts and confirmations. */
  async forget(account: string): Promise<void> {
    await this.area.remove(accountKey(account));
  }

  private async save(record: AccountRecord): Promise<void> {
    const now = this.now();
    for (const [name, fact] of Object.entries(record.facts)) {
      if (now - fact.readAt > DROP_AFTER_MS) delete record.facts[name];
    }
    for (const [rule, c] of Object.entries(record.confirmations)) {
      if (now - c.confirmedAt > DROP_AFTER_MS) delete record.confirmations[rule];
    }
    await this.area.set({ [accountKey(record.account)]: record });
  }
}

/** A stored record, defensively: storage is outside the type system. */
export function parseRecord(stored: unknown, account: string): AccountRecord {
  const record: AccountRecord = { account, facts: {}, confirmations: {} };
  if (!stored || typeof stored !== 'object') return record;
  const raw = stored as Partial<AccountRecord>;
  for (const [name, fact] of Object.entries(raw.facts ?? {})) {
    if (
      fact &&
      typeof fact.readAt === 'number' &&
      typeof fact.page === 'string' &&
      ['string', 'number', 'boolean'].includes(typeof fact.value)
    ) {
      record.facts[name] = { value: fact.value, page: fact.page, readAt: fact.readAt };
    }
  }
  for (const [rule, c] of Object.entries(raw.confirmations ?? {})) {
    if (c && typeof c.confirmedAt === 'number' && typeof c.page === 'string') {
      record.confirmations[rule] = { page: c.page, confirmedAt: c.confirmedAt };
    }
  }
  return record;
}
