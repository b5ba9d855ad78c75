// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import {
  accountKey,
  activeConfirmations,
  DROPPED_KEY,
  FactStore,
  isRememberable,
  MAX_ACCOUNT_CHARS,
  MAX_VALUE_CHARS,
  NotRememberedError,
  recordVocabulary,
  rememberedFacts,
  STALE_AFTER_MS,
} from '../../../extension/fact-store.ts';
import { knownFacts } from '../../../extension/overlay/memory.ts';
import { FakeStorage } from './fake-storage.ts';

const HOUR = 60 * 60 * 1000;
const VOCABULARY = recordVocabulary(compileBundle(process.cwd()).bundle!);

function storeAt(storage: FakeStorage, clock: { now: number }) {
  return new FactStore(storage, VOCABULARY, () => clock.now);
}

describe('per-account fact storage', () => {
  test('facts of two accounts never mix', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.remember('qinghe-net', { 'account.freeze': 'arrears' }, 'overview');

    expect((await store.load('yunqi-tech')).facts['account.freeze']?.value).toBe('none');
    expect((await store.load('qinghe-net')).facts['account.freeze']?.value).toBe('arrears');
    expect((await store.load('someone-else')).facts).toEqual({});
    expect([...storage.data.keys()].sort()).toEqual([
      accountKey('qinghe-net'),
      accountKey('yunqi-tech'),
    ]);
  });

  test('an account is keyed by its name in NFKC, trimmed: width and edges do not count, case does', () => {
    expect(accountKey('ＡｃｍｅＣｏｒｐ')).toBe(accountKey('AcmeCorp'));
    expect(accountKey(' AcmeCorp\u3000')).toBe(accountKey('AcmeCorp'));
    expect(accountKey('acmecorp')).not.toBe(accountKey('AcmeCorp'));
    expect(accountKey('Acme Corp')).not.toBe(accountKey('AcmeCorp'));
    expect(accountKey('yunqi-tech')).not.toBe(accountKey('yunqi-tech2'));
  });

  test('accounts differing only by case keep what is remembered apart', async () => {
    const storage = new FakeStorage();
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    await store.remember('AcmeCorp', { 'account.freeze': 'arrears' }, 'overview');
    await store.remember('acmecorp', { 'account.freeze': 'none' }, 'overview');
    expect((await store.load('AcmeCorp')).facts['account.freeze']?.value).toBe('arrears');
    expect((await store.load('ＡｃｍｅＣｏｒｐ')).facts['account.freeze']?.value).toBe('arrears');
    expect((await store.load('acmecorp')).facts['account.freeze']?.value).toBe('none');
    expect(storage.data.size).toBe(2);
  });

  test('each fact keeps the page it was read on and when', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10, 8) };
    const store = storeAt(storage, clock);
    const record = await store.remember('yunqi-tech', { 'account.email.bound': false }, 'overview');
    expect(record.facts['account.email.bound']).toEqual({
      value: false,
      page: 'overview',
      readAt: clock.now,
    });
  });

  test('facts older than a day are stale: shown with their age, not used', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10, 8) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');

    clock.now += 23 * HOUR;
    let facts = rememberedFacts(await store.load('yunqi-tech'), clock.now);
    expect(facts['account.freeze']?.isStale).toBe(false);

    clock.now += 2 * HOUR;
    facts = rememberedFacts(await store.load('yunqi-tech'), clock.now);
    expect(facts['account.freeze']).toMatchObject({ value: 'none', isStale: true });
    expect(clock.now - facts['account.freeze']!.readAt).toBeGreaterThan(STALE_AFTER_MS);
  });

  test('reading the same value again soon does not rewrite storage; a change does', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    clock.now += 60_000;
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    expect(storage.writes).toBe(1);
    await store.remember('yunqi-tech', { 'account.freeze': 'arrears' }, 'overview');
    expect(storage.writes).toBe(2);
    expect((await store.load('yunqi-tech')).facts['account.freeze']?.value).toBe('arrears');
  });

  test('a fresh read makes a stale fact fresh again', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    clock.now += 2 * STALE_AFTER_MS;
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    expect(
      rememberedFacts(await store.load('yunqi-tech'), clock.now)['account.freeze']?.isStale,
    ).toBe(false);
  });

  test('confirmations are kept per account, go stale like facts, and can be taken back', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    expect(Object.keys(activeConfirmations(await store.load('yunqi-tech'), clock.now))).toEqual([
      'reseller.join.not-frozen',
    ]);
    expect(activeConfirmations(await store.load('qinghe-net'), clock.now)).toEqual({});

    clock.now += STALE_AFTER_MS + 1;
    expect(activeConfirmations(await store.load('yunqi-tech'), clock.now)).toEqual({});

    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    await store.unconfirm('yunqi-tech', 'reseller.join.not-frozen');
    expect((await store.load('yunqi-tech')).confirmations).toEqual({});
  });

  test('forgetting an account removes its facts and confirmations, and only its own', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    await store.remember('qinghe-net', { 'account.freeze': 'none' }, 'overview');
    await store.forget('yunqi-tech');
    expect(await store.load('yunqi-tech')).toEqual({
      account: 'yunqi-tech',
      facts: {},
      confirmations: {},
    });
    expect((await store.load('qinghe-net')).facts['account.freeze']?.value).toBe('none');
  });

  test('a damaged stored record loads as what can be trusted of it', async () => {
    const storage = new FakeStorage();
    const now = Date.UTC(2025, 0, 10);
    storage.data.set(
      accountKey('yunqi-tech'),
      JSON.stringify({
        account: 'yunqi-tech',
        facts: {
          'account.freeze': { value: { x: 1 }, page: 'overview', readAt: now },
          'account.email.bound': 'junk',
          'funds.invoicedAmount': { value: 3, page: 'funds.withdraw', readAt: now - 5 },
        },
      }),
    );
    const record = await storeAt(storage, { now }).load('yunqi-tech');
    expect(record.facts).toEqual({
      'funds.invoicedAmount': { value: 3, page: 'funds.withdraw', readAt: now - 5 },
    });
  });
});

describe('records read from storage are checked against the pack', () => {
  const now = Date.UTC(2025, 0, 10);

  function seeded(record: unknown, account = 'yunqi-tech') {
    const storage = new FakeStorage();
    storage.data.set(accountKey(account), JSON.stringify(record));
    return { storage, store: storeAt(storage, { now }) };
  }

  test('what does not fit the vocabulary is dropped, noted for the options page, and purged', async () => {
    const { storage, store } = seeded({
      account: 'yunqi-tech',
      facts: {
        '__proto__.polluted': { value: 'yes', page: 'overview', readAt: now },
        'account.freeze': { value: 'frozen', page: 'overview', readAt: now },
        'account.name': { value: 42, page: 'overview', readAt: now },
        'account.email.bound': { value: true, page: 'overview', readAt: now + 365 * 24 * HOUR },
        'account.realName.status': { value: 'verified', page: 'nowhere', readAt: now },
        'account.realName.entityName': {
          value: 'x'.repeat(MAX_VALUE_CHARS + 1),
          page: 'overview',
          readAt: now,
        },
        'context.date': { value: '2025-01-01', page: 'overview', readAt: now },
        'account.realName.type': { value: 'enterprise', page: 'overview', readAt: now },
      },
      confirmations: {
        'no.such.rule': { page: 'overview', confirmedAt: now },
        'reseller.join.not-frozen': { page: 'reseller.join', confirmedAt: now + 365 * 24 * HOUR },
        'reseller.join.no-tier1-link': { page: 'reseller.join', confirmedAt: now },
      },
    });
    const record = await store.load('yunqi-tech');
    expect(record.facts).toEqual({
      'account.realName.type': { value: 'enterprise', page: 'overview', readAt: now },
    });
    expect(Object.keys(record.confirmations)).toEqual(['reseller.join.no-tier1-link']);
    // Nothing reached Object.prototype, even through the facts the overlay builds.
    const known = knownFacts(
      record,
      { facts: {} },
      { localConfirmations: new Map() },
      now,
      (id) => id,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(known.facts).toEqual({ account: { realName: { type: 'enterprise' } } });

    const dropped = JSON.parse(storage.data.get(DROPPED_KEY)!) as {
      name: string;
      reason: string;
    }[];
    expect(dropped.map((d) => [d.name, d.reason])).toEqual([
      ['__proto__.polluted', 'unknown-fact'],
      ['account.freeze', 'wrong-value'],
      ['account.name', 'wrong-value'],
      ['account.email.bound', 'future-time'],
      ['account.realName.status', 'unknown-page'],
      ['account.realName.entityName', 'too-long'],
      ['context.date', 'unknown-fact'],
      ['no.such.rule', 'unknown-rule'],
      ['reseller.join.not-frozen', 'future-time'],
    ]);
    // The record in storage no longer holds them.
    const stored = JSON.parse(storage.data.get(accountKey('yunqi-tech'))!) as {
      facts: object;
    };
    expect(Object.keys(stored.facts)).toEqual(['account.realName.type']);
  });

  test("a record under another account's key, or not a record at all, is dropped whole", async () => {
    const other = seeded({ account: 'qinghe-net', facts: {}, confirmations: {} });
    expect(await other.store.load('yunqi-tech')).toEqual({
      account: 'yunqi-tech',
      facts: {},
      confirmations: {},
    });
    const junk = seeded(['not', 'a', 'record']);
    expect((await junk.store.load('yunqi-tech')).facts).toEqual({});
    const reasons = (storage: FakeStorage) =>
      (JSON.parse(storage.data.get(DROPPED_KEY)!) as { reason: string }[]).map((d) => d.reason);
    expect(reasons(other.storage)).toEqual(['wrong-key']);
    expect(reasons(junk.storage)).toEqual(['malformed']);
  });
});

describe('what is stored is capped, and a refused write says so', () => {
  test('a text value longer than the cap is not stored; the rest is', async () => {
    const storage = new FakeStorage();
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    const record = await store.remember(
      'yunqi-tech',
      {
        'account.realName.entityName': 'x'.repeat(MAX_VALUE_CHARS + 1),
        'account.freeze': 'none',
      },
      'overview',
    );
    expect(Object.keys(record.facts)).toEqual(['account.freeze']);
  });

  test('an account name longer than the cap is never a key: nothing is stored', async () => {
    const long = 'A'.repeat(MAX_ACCOUNT_CHARS + 1);
    expect(isRememberable(long)).toBe(false);
    expect(isRememberable('A'.repeat(MAX_ACCOUNT_CHARS))).toBe(true);
    expect(isRememberable('   ')).toBe(false);
    const storage = new FakeStorage();
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    await expect(store.remember(long, { 'account.freeze': 'none' }, 'overview')).rejects.toThrow(
      NotRememberedError,
    );
    expect(storage.data.size).toBe(0);
  });

  test('a quota error becomes NotRememberedError', async () => {
    const storage = new FakeStorage();
    storage.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    await expect(
      store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview'),
    ).rejects.toThrow(/nothing could be remembered: QUOTA_BYTES quota exceeded/);
  });
});

describe('the accounts this profile has seen', () => {
  test('are the accounts with a record, by the name their pages showed; a forgotten one is gone', async () => {
    const storage = new FakeStorage();
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    expect(await store.accounts()).toEqual([]);
    await store.remember('Yunqi-Tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('qinghe-net', 'reseller.join.not-frozen', 'reseller.join');
    await storage.set({ 'policylens:settings': { lang: 'en' } });
    expect((await store.accounts()).sort()).toEqual(['Yunqi-Tech', 'qinghe-net']);
    await store.forget('Yunqi-Tech');
    expect(await store.accounts()).toEqual(['qinghe-net']);
  });
});
