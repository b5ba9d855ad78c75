import { factValueProblem } from '../engine/facts.ts';
import { own } from '../engine/own.ts';
import type { FactValue } from '../engine/pages.ts';
import type { DropReasonKey } from '../locales/words.ts';
import type { CompiledPageMap } from '../engine/pages.ts';
import type { CompiledPack, FactVocabulary } from '../engine/types.ts';

/** Remembered facts older than this count as unknown (shown with their age, not used). */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Entries older than this are dropped when the record is next written. */
const DROP_AFTER_MS = 30 * STALE_AFTER_MS;
/** A value read again unchanged is rewritten at most this often (typing never floods storage). */
const REFRESH_AFTER_MS = 10 * 60 * 1000;
/** A stored time this far ahead of the clock is refused: it would never go stale. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The longest account name remembered by; a longer one is not remembered at all. */
export const MAX_ACCOUNT_CHARS = 200;
/** The longest text value remembered; a longer one is used from the page, not stored. */
export const MAX_VALUE_CHARS = 500;
/** The longest fact name, rule id or page id kept (the pack's own are much shorter). */
const MAX_NAME_CHARS = 128;
/** How many dropped entries the options page is told about. */
const MAX_DROPPED = 20;

export const KEY_PREFIX = 'policylens:account:';
/** What was dropped from storage because it did not fit, for the options page to say. */
export const DROPPED_KEY = 'policylens:dropped';

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

/** What a stored record may name: the pack's facts, rules and pages, nothing else. */
export interface RecordVocabulary {
  facts: FactVocabulary;
  rules: ReadonlySet<string>;
  pages: ReadonlySet<string>;
}

/** What the pack lets a record hold. */
export function recordVocabulary(bundle: {
  pack: CompiledPack;
  pageMaps: CompiledPageMap[];
}): RecordVocabulary {
  return {
    facts: bundle.pack.facts,
    rules: new Set(bundle.pack.flows.flatMap((f) => f.rules.map((r) => r.id))),
    pages: new Set(bundle.pageMaps.map((p) => p.id)),
  };
}

/** Why a stored entry was dropped; the options page says it in words (locales/). */
export type DropReason = DropReasonKey;

export interface DroppedEntry {
  account: string;
  /** A fact, a confirmation, or the whole record. */
  kind: 'fact' | 'confirmation' | 'record';
  /** The fact name or rule id (cut to a short excerpt); empty for a record. */
  name: string;
  reason: DropReason;
}

/**
 * An account name as storage keys it: Unicode NFKC (full-width letters and brackets become
 * half-width) and trimmed. Not lower-cased, and inner white space kept: Partner Center does
 * not say account names are case-insensitive, so `AcmeCorp` and `acmecorp` may be two
 * accounts, and two accounts must never share what is remembered.
 */
export function normalizeAccount(account: string): string {
  return account.normalize('NFKC').trim();
}

/** True when facts may be remembered for this account name: present and not too long. */
export function isRememberable(account: string): boolean {
  const name = normalizeAccount(account);
  return name.length > 0 && name.length <= MAX_ACCOUNT_CHARS;
}

/** The storage key of an account. */
export function accountKey(account: string): string {
  return `${KEY_PREFIX}${normalizeAccount(account)}`;
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

/** Storage refused a write (full, or failing): nothing was remembered. */
export class NotRememberedError extends Error {
  constructor(cause: unknown) {
    super(
      `nothing could be remembered: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Facts remembered per account in extension storage, on this machine only. Each account
 * has one key (`policylens:account:<normalized name>`) holding its facts, each with the page
 * it was read on and when, and the partner's manual confirmations. What is read back is
 * checked against the pack: anything that does not fit is dropped, and noted for the
 * options page.
 */
export class FactStore {
  constructor(
    private readonly area: StorageAreaLike,
    private readonly vocabulary: RecordVocabulary,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The names of the accounts remembered here, as their pages showed them: the names this
   * profile has seen, by which the signed-in account is recognised in a page's top bar.
   * An account whose record was forgotten, or does not fit, is no longer among them.
   */
  async accounts(): Promise<string[]> {
    const all = await this.area.get(null);
    const names: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(KEY_PREFIX) || !isObject(value)) continue;
      const shown = own(value, 'account');
      if (typeof shown === 'string' && isRememberable(shown) && accountKey(shown) === key) {
        names.push(shown);
      }
    }
    return names;
  }

  async load(account: string): Promise<AccountRecord> {
    const key = accountKey(account);
    const stored = (await this.area.get(key))[key];
    const { record, dropped } = parseRecord(stored, account, this.vocabulary, this.now());
    if (dropped.length > 0) {
      // Best effort: the entries are not used whether or not this is written.
      await noteDropped(this.area, dropped).catch(() => undefined);
      await this.area.set({ [key]: record }).catch(() => undefined);
    }
    return record;
  }

  /**
   * Remembers facts read on a page. Unchanged values read again recently are not rewritten;
   * a value that does not fit (too long, or not the fact's type) is not stored. Returns the
   * record as stored; throws NotRememberedError when storage refuses the write.
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
      if (factProblem(name, value, this.vocabulary)) continue;
      const old = own(record.facts, name);
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
    if (!this.vocabulary.rules.has(rule)) return record;
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
    if (!isRememberable(record.account)) {
      throw new NotRememberedError(new Error('the account name is too long to remember by'));
    }
    const now = this.now();
    for (const [name, fact] of Object.entries(record.facts)) {
      if (now - fact.readAt > DROP_AFTER_MS) delete record.facts[name];
    }
    for (const [rule, c] of Object.entries(record.confirmations)) {
      if (now - c.confirmedAt > DROP_AFTER_MS) delete record.confirmations[rule];
    }
    try {
      await this.area.set({ [accountKey(record.account)]: record });
    } catch (error) {
      throw new NotRememberedError(error);
    }
  }
}

/**
 * A stored record, checked against the pack: storage is outside the type system, and
 * anything (another version, a page script in a compromised profile, a disk error) may have
 * written it. Only facts of the vocabulary with values they can have, confirmations of known
 * rules, known pages and times not in the future are kept; the rest is listed as dropped.
 */
export function parseRecord(
  stored: unknown,
  account: string,
  vocabulary: RecordVocabulary,
  now: number,
): { record: AccountRecord; dropped: DroppedEntry[] } {
  const record: AccountRecord = { account, facts: {}, confirmations: {} };
  const dropped: DroppedEntry[] = [];
  const shown = excerpt(account);
  const drop = (kind: DroppedEntry['kind'], name: string, reason: DropReason) =>
    dropped.push({ account: shown, kind, name: excerpt(name), reason });
  if (stored === undefined) return { record, dropped };
  if (!isObject(stored)) {
    drop('record', '', 'malformed');
    return { record, dropped };
  }
  const storedName = own(stored, 'account');
  if (typeof storedName !== 'string' || !isRememberable(storedName)) {
    drop('record', '', typeof storedName === 'string' ? 'too-long' : 'malformed');
    return { record, dropped };
  }
  if (normalizeAccount(storedName) !== normalizeAccount(account)) {
    drop('record', '', 'wrong-key');
    return { record, dropped };
  }
  const facts = own(stored, 'facts');
  for (const [name, fact] of isObject(facts) ? Object.entries(facts) : []) {
    const reason = storedFactProblem(name, fact, vocabulary, now);
    if (reason) drop('fact', name, reason);
    else {
      const f = fact as StoredFact;
      record.facts[name] = { value: f.value, page: f.page, readAt: f.readAt };
    }
  }
  const confirmations = own(stored, 'confirmations');
  for (const [rule, c] of isObject(confirmations) ? Object.entries(confirmations) : []) {
    const reason = confirmationProblem(rule, c, vocabulary, now);
    if (reason) drop('confirmation', rule, reason);
    else {
      const k = c as StoredConfirmation;
      record.confirmations[rule] = { page: k.page, confirmedAt: k.confirmedAt };
    }
  }
  if (facts !== undefined && !isObject(facts)) drop('record', 'facts', 'malformed');
  if (confirmations !== undefined && !isObject(confirmations)) {
    drop('record', 'confirmations', 'malformed');
  }
  return { record, dropped };
}

function factProblem(name: string, value: unknown, vocabulary: RecordVocabulary) {
  const def = name.length <= MAX_NAME_CHARS ? own(vocabulary.facts, name) : undefined;
  if (!def || def.isBuiltIn) return 'unknown-fact';
  if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) return 'too-long';
  if (factValueProblem(def, value)) return 'wrong-value';
  return undefined;
}

function storedFactProblem(
  name: string,
  fact: unknown,
  vocabulary: RecordVocabulary,
  now: number,
): DropReason | undefined {
  if (!isObject(fact)) return 'malformed';
  const problem = factProblem(name, own(fact, 'value'), vocabulary);
  if (problem) return problem;
  return timeProblem(own(fact, 'page'), own(fact, 'readAt'), vocabulary, now);
}

function confirmationProblem(
  rule: string,
  c: unknown,
  vocabulary: RecordVocabulary,
  now: number,
): DropReason | undefined {
  if (!isObject(c)) return 'malformed';
  if (!vocabulary.rules.has(rule)) return 'unknown-rule';
  return timeProblem(own(c, 'page'), own(c, 'confirmedAt'), vocabulary, now);
}

function timeProblem(
  page: unknown,
  at: unknown,
  vocabulary: RecordVocabulary,
  now: number,
): DropReason | undefined {
  if (typeof page !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) {
    return 'malformed';
  }
  if (!vocabulary.pages.has(page)) return 'unknown-page';
  if (at > now + CLOCK_SKEW_MS) return 'future-time';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Adds entries to the list of what was dropped (newest last, the last 20 kept). */
export async function noteDropped(area: StorageAreaLike, entries: DroppedEntry[]): Promise<void> {
  const known = parseDropped((await area.get(DROPPED_KEY))[DROPPED_KEY]);
  const seen = new Set(known.map(droppedId));
  const next = [...known, ...entries.filter((e) => !seen.has(droppedId(e)))].slice(-MAX_DROPPED);
  await area.set({ [DROPPED_KEY]: next });
}

function droppedId(e: DroppedEntry): string {
  return `${e.account}\n${e.kind}\n${e.name}\n${e.reason}`;
}

const REASONS: ReadonlySet<string> = new Set<DropReason>([
  'unknown-fact',
  'wrong-value',
  'unknown-rule',
  'unknown-page',
  'future-time',
  'too-long',
  'malformed',
  'wrong-key',
]);

/** The stored list of dropped entries, itself checked: what does not fit is left out. */
export function parseDropped(stored: unknown): DroppedEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored
    .filter(
      (e): e is DroppedEntry =>
        isObject(e) &&
        typeof e.account === 'string' &&
        typeof e.name === 'string' &&
        ['fact', 'confirmation', 'record'].includes(e.kind as string) &&
        REASONS.has(e.reason as string),
    )
    .map((e) => ({
      account: excerpt(e.account),
      kind: e.kind,
      name: excerpt(e.name),
      reason: e.reason,
    }))
    .slice(-MAX_DROPPED);
}
