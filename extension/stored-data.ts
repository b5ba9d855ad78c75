import { formatFactValue } from '../engine/facts.ts';
import { own } from '../engine/own.ts';
import type { Lang } from '../engine/types.ts';
import {
  accountKey,
  DROPPED_KEY,
  isRememberable,
  isStale,
  MAX_ACCOUNT_CHARS,
  KEY_PREFIX,
  parseDropped,
  parseRecord,
  type AccountRecord,
  type DroppedEntry,
  type RecordVocabulary,
} from './fact-store.ts';
import type { PackBundle } from './overlay.ts';
import { pageTitle } from './pack-info.ts';

/** The part of `browser.storage.local` the options page reads and clears. */
export interface StoredDataArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What storage holds, checked: the records as used, and what was dropped from them. */
export interface StoredAccounts {
  records: AccountRecord[];
  /** Entries that did not fit: noted when dropped earlier, or found now. */
  dropped: DroppedEntry[];
}

/**
 * Every account record in storage, by account name, checked against the pack as the overlay
 * checks it: what does not fit is left out and listed, with what was dropped before.
 */
export async function readAccounts(
  area: StoredDataArea,
  vocabulary: RecordVocabulary,
  now: number,
): Promise<StoredAccounts> {
  const all = await area.get(null);
  const dropped = parseDropped(own(all, DROPPED_KEY));
  const seen = new Set(dropped.map((d) => JSON.stringify(d)));
  const records = Object.entries(all)
    .filter(([key]) => key.startsWith(KEY_PREFIX))
    .map(([key, value]) => {
      const shown = (value as { account?: unknown } | null)?.account;
      const fromKey = key.slice(KEY_PREFIX.length);
      const name =
        typeof shown === 'string' && accountKey(shown) === key
          ? shown
          : isRememberable(fromKey)
            ? fromKey
            : `${fromKey.slice(0, MAX_ACCOUNT_CHARS)}…`;
      const parsed = parseRecord(value, name, vocabulary, now);
      for (const d of parsed.dropped) {
        if (!seen.has(JSON.stringify(d))) dropped.push(d);
        seen.add(JSON.stringify(d));
      }
      return parsed.record;
    })
    .sort((a, b) => a.account.localeCompare(b.account));
  return { records, dropped };
}

/**
 * Forgets every account's facts and confirmations, and the list of what was dropped; the
 * settings stay. Returns the keys removed.
 */
export async function forgetAllAccounts(area: StoredDataArea): Promise<string[]> {
  const keys = Object.keys(await area.get(null)).filter(
    (key) => key.startsWith(KEY_PREFIX) || key === DROPPED_KEY,
  );
  if (keys.length > 0) await area.remove(keys);
  return keys;
}

/**
 * The partner has read what was dropped: the records are written back without it (so it is
 * not found again) and the list is forgotten.
 */
export async function dismissDropped(
  area: StoredDataArea,
  vocabulary: RecordVocabulary,
  now: number,
): Promise<void> {
  const all = await area.get(null);
  const cleaned: Record<string, AccountRecord> = {};
  const emptied: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(KEY_PREFIX)) continue;
    const shown = (value as { account?: unknown } | null)?.account;
    const name = typeof shown === 'string' ? shown : key.slice(KEY_PREFIX.length);
    const { record, dropped } = parseRecord(value, name, vocabulary, now);
    if (dropped.length === 0) continue;
    // A record that does not fit at all (another account's, say) is removed, not rewritten.
    if (dropped.some((d) => d.kind === 'record' && d.name === '')) emptied.push(key);
    else cleaned[key] = record;
  }
  if (Object.keys(cleaned).length > 0) await area.set(cleaned);
  await area.remove([...emptied, DROPPED_KEY]);
}

export interface StoredFactRow {
  fact: string;
  /** The fact's description in the language. */
  label: string;
  value: string;
  pageTitle: string;
  readAt: number;
  isStale: boolean;
}

export interface StoredConfirmationRow {
  rule: string;
  title: string;
  pageTitle: string;
  confirmedAt: number;
  isStale: boolean;
}

export interface StoredAccountView {
  account: string;
  facts: StoredFactRow[];
  confirmations: StoredConfirmationRow[];
}

/** What the options page shows of the records: labels, values and pages in the language. */
export function storedAccountViews(
  records: AccountRecord[],
  bundle: PackBundle,
  lang: Lang,
  now: number,
): StoredAccountView[] {
  const rules = new Map(bundle.pack.flows.flatMap((f) => f.rules.map((r) => [r.id, r])));
  return records.map((record) => ({
    account: record.account,
    facts: Object.entries(record.facts)
      .map(([fact, stored]) => {
        const def = own(bundle.pack.facts, fact);
        return {
          fact,
          label: def?.description[lang] ?? fact,
          value: formatFactValue(def, stored.value, lang),
          pageTitle: pageTitle(bundle, stored.page, lang),
          readAt: stored.readAt,
          isStale: isStale(stored.readAt, now),
        };
      })
      .sort((a, b) => a.fact.localeCompare(b.fact)),
    confirmations: Object.entries(record.confirmations)
      .map(([rule, c]) => ({
        rule,
        title: rules.get(rule)?.title[lang] ?? rule,
        pageTitle: pageTitle(bundle, c.page, lang),
        confirmedAt: c.confirmedAt,
        isStale: isStale(c.confirmedAt, now),
      }))
      .sort((a, b) => a.rule.localeCompare(b.rule)),
  }));
}
