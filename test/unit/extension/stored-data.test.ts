import { describe, expect, test } from 'vitest';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import {
  accountKey,
  DROPPED_KEY,
  FactStore,
  recordVocabulary,
} from '../../../extension/fact-store.ts';
import { SETTINGS_KEY } from '../../../extension/settings.ts';
import { dismissDropped, forgetAllAccounts, readAccounts } from '../../../extension/stored-data.ts';
import { FakeStorage } from './fake-storage.ts';

const VOCABULARY = recordVocabulary(compileBundle(process.cwd()).bundle!);
const NOW = Date.UTC(2026, 0, 1);

// What the options page reads and forgets: every account's record, and nothing else.

/** FakeStorage with `get(null)`, as the options page asks for everything. */
class WholeStorage extends FakeStorage {
  override async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    return super.get(keys === null ? [...this.data.keys()] : keys);
  }
}

describe('the stored data', () => {
  test('reads every account as stored, by name, checked as the overlay checks it', async () => {
    const storage = new WholeStorage();
    const store = new FactStore(storage, VOCABULARY, () => NOW);
    await store.remember('Yunqi-Tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('qinghe-trade', 'reseller.join.no-tier1-link', 'reseller.join');
    storage.data.set(SETTINGS_KEY, JSON.stringify({ disabledSites: [], lang: 'en' }));
    storage.data.set(`${accountKey('broken')}`, JSON.stringify({ facts: { x: { value: {} } } }));

    const { records, dropped } = await readAccounts(storage, VOCABULARY, NOW);
    expect(records.map((a) => a.account)).toEqual(['broken', 'qinghe-trade', 'Yunqi-Tech']);
    expect(records[0]).toEqual({ account: 'broken', facts: {}, confirmations: {} });
    expect(records[2]?.facts['account.freeze']?.value).toBe('none');
    expect(Object.keys(records[1]?.confirmations ?? {})).toEqual(['reseller.join.no-tier1-link']);
    expect(dropped).toEqual([{ account: 'broken', kind: 'record', name: '', reason: 'malformed' }]);
  });

  test('says what was dropped before and what does not fit now; dismissing cleans both', async () => {
    const storage = new WholeStorage();
    storage.data.set(
      DROPPED_KEY,
      JSON.stringify([
        { account: 'yunqi-tech', kind: 'fact', name: 'account.frozen', reason: 'unknown-fact' },
        { account: 'x', kind: 'fact', name: 'y', reason: 'not a reason' },
      ]),
    );
    storage.data.set(
      accountKey('qinghe-trade'),
      JSON.stringify({
        account: 'qinghe-trade',
        facts: {
          'account.freeze': { value: 'arrears', page: 'overview', readAt: NOW },
          'account.email.bound': { value: 'yes', page: 'overview', readAt: NOW },
        },
        confirmations: {},
      }),
    );
    const before = await readAccounts(storage, VOCABULARY, NOW);
    expect(before.dropped.map((d) => [d.account, d.name, d.reason])).toEqual([
      ['yunqi-tech', 'account.frozen', 'unknown-fact'],
      ['qinghe-trade', 'account.email.bound', 'wrong-value'],
    ]);
    expect(Object.keys(before.records[0]!.facts)).toEqual(['account.freeze']);

    await dismissDropped(storage, VOCABULARY, NOW);
    const after = await readAccounts(storage, VOCABULARY, NOW);
    expect(after.dropped).toEqual([]);
    expect(Object.keys(after.records[0]!.facts)).toEqual(['account.freeze']);
  });

  test('forget all removes every account and keeps the settings', async () => {
    const storage = new WholeStorage();
    const store = new FactStore(storage, VOCABULARY);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.remember('qinghe-trade', { 'account.freeze': 'arrears' }, 'overview');
    storage.data.set(SETTINGS_KEY, JSON.stringify({ disabledSites: [], lang: 'en' }));

    expect((await forgetAllAccounts(storage)).sort()).toEqual([
      accountKey('qinghe-trade'),
      accountKey('yunqi-tech'),
    ]);
    expect([...storage.data.keys()]).toEqual([SETTINGS_KEY]);
    expect(await forgetAllAccounts(storage)).toEqual([]);
  });
});
