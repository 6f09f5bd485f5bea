import { SqliteDatabase } from '@desk/api/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKER_TAG_MAX_LENGTH, isOwnBrokerTag, newBrokerTag, newIntentId } from './broker-tag';
import { canonicalOrder, orderFingerprint } from './fingerprint';
import { canTransition, ORDER_INTENT_STATUSES, sourcesOf } from './order-intent';
import { NewIntent, OrderIntentsRepository } from './order-intents.repository';

const ORDER = {
  instrumentKey: 'NSE_EQ|INE002A01018',
  transactionType: 'BUY',
  quantity: 5,
  orderType: 'LIMIT',
  product: 'D',
  validity: 'DAY',
  price: 1200.5,
} as const;

function intent(over: Partial<NewIntent> = {}): NewIntent {
  return {
    id: newIntentId(),
    principalId: 'session:s1',
    idempotencyKey: 'key-1',
    fingerprint: orderFingerprint(ORDER),
    brokerTag: newBrokerTag(null),
    userTag: null,
    request: JSON.stringify(ORDER),
    ...over,
  };
}

describe('broker tag', () => {
  it('is unique, at most 40 characters with the longest user tag, and sorts by time', () => {
    const tags = new Set(Array.from({ length: 5000 }, () => newBrokerTag(null)));
    expect(tags.size).toBe(5000);
    const longest = newBrokerTag('a'.repeat(20));
    expect(longest.length).toBeLessThanOrEqual(BROKER_TAG_MAX_LENGTH);
    expect(longest.endsWith(`-${'a'.repeat(20)}`)).toBe(true);
    const early = newBrokerTag(null, Date.UTC(2026, 0, 1));
    const late = newBrokerTag(null, Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(early.slice(0, 11) < late.slice(0, 11)).toBe(true);
    expect(isOwnBrokerTag(early)).toBe(true);
    expect(isOwnBrokerTag(longest)).toBe(true);
    expect(isOwnBrokerTag('my-tag')).toBe(false);
    expect(() => newBrokerTag('a'.repeat(21))).toThrow(/40/);
  });
});

describe('fingerprint', () => {
  it('treats an absent price or trigger as 0 and changes with any order field', () => {
    const market = { ...ORDER, orderType: 'MARKET', price: undefined } as const;
    expect(orderFingerprint(market)).toBe(orderFingerprint({ ...market, price: 0, triggerPrice: 0, isAmo: false }));
    expect(orderFingerprint(ORDER)).not.toBe(orderFingerprint({ ...ORDER, quantity: 6 }));
    expect(orderFingerprint(ORDER)).not.toBe(orderFingerprint({ ...ORDER, tag: 'x' }));
    expect(orderFingerprint(ORDER)).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(canonicalOrder(ORDER))).toEqual([
      'instrumentKey', 'transactionType', 'quantity', 'orderType', 'product', 'validity',
      'price', 'triggerPrice', 'disclosedQuantity', 'tag', 'isAmo',
    ]);
  });
});

describe('intent state machine', () => {
  it('never returns to PENDING_SUBMIT and never leaves SUBMITTED or REJECTED', () => {
    for (const s of ORDER_INTENT_STATUSES) {
      expect(canTransition(s, 'PENDING_SUBMIT')).toBe(false);
      expect(canTransition('SUBMITTED', s)).toBe(false);
      expect(canTransition('REJECTED', s)).toBe(false);
    }
    expect(sourcesOf('SUBMITTED').sort()).toEqual(['NOT_PLACED', 'PENDING_SUBMIT', 'UNKNOWN']);
    expect(sourcesOf('NOT_PLACED').sort()).toEqual(['PENDING_SUBMIT', 'UNKNOWN']);
    expect(sourcesOf('REJECTED')).toEqual(['PENDING_SUBMIT']);
    expect(sourcesOf('UNKNOWN')).toEqual(['PENDING_SUBMIT']);
  });
});

describe('OrderIntentsRepository', () => {
  let dir: string;
  let db: SqliteDatabase;
  let repo: OrderIntentsRepository;
  const now = new Date('2026-11-28T10:00:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orders-journal-'));
    db = SqliteDatabase.inDataDir(dir);
    repo = new OrderIntentsRepository(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of 50 claims with one key win; the others see the winner', () => {
    const results = Array.from({ length: 50 }, () => repo.claim(intent(), now));
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0].claimed ? winners[0].intent.id : '';
    for (const r of results.filter((x) => !x.claimed)) {
      expect(r.claimed ? '' : r.existing.id).toBe(winnerId);
    }
    expect(repo.countByStatus()).toEqual({ PENDING_SUBMIT: 1 });
  });

  it('scopes keys per principal', () => {
    expect(repo.claim(intent({ principalId: 'session:a' }), now).claimed).toBe(true);
    expect(repo.claim(intent({ principalId: 'api-key:b' }), now).claimed).toBe(true);
  });

  it('moves only along allowed transitions (compare-and-set) and keeps the first stored response', () => {
    const claim = repo.claim(intent(), now);
    const id = claim.claimed ? claim.intent.id : '';
    expect(repo.transition(id, 'UNKNOWN', { errorCode: 'UPSTOX_TIMEOUT' }, now)?.status).toBe('UNKNOWN');
    expect(repo.transition(id, 'REJECTED', {}, now)).toBeNull();
    repo.storeResponse(id, { status: 202, body: { outcome: 'unknown' } }, now);
    const found = repo.transition(id, 'SUBMITTED', { orderIds: ['A1'], response: { status: 201, body: {} } }, now);
    expect(found?.status).toBe('SUBMITTED');
    expect(found?.orderIds).toEqual(['A1']);
    expect(found?.errorCode).toBe('UPSTOX_TIMEOUT');
    expect(found?.response).toEqual({ status: 202, body: { outcome: 'unknown' } });
    expect(repo.transition(id, 'NOT_PLACED', {}, now)).toBeNull();
    expect(repo.listUnresolved()).toEqual([]);
  });

  it('survives a reopen of the database file (journal is durable) and lists unresolved rows', () => {
    const claim = repo.claim(intent(), now);
    db.close();
    db = SqliteDatabase.inDataDir(dir);
    repo = new OrderIntentsRepository(db);
    const unresolved = repo.listUnresolved();
    expect(unresolved.map((r) => r.id)).toEqual([claim.claimed ? claim.intent.id : 'x']);
    expect(unresolved[0].status).toBe('PENDING_SUBMIT');
  });

  it('enforces a unique broker tag', () => {
    const tag = newBrokerTag(null);
    repo.claim(intent({ brokerTag: tag }), now);
    expect(() => repo.claim(intent({ idempotencyKey: 'key-2', brokerTag: tag }), now)).toThrow(/UNIQUE/);
  });

  it('persists settings', () => {
    expect(repo.readSetting('kill_switch')).toBeNull();
    repo.writeSetting('kill_switch', { enabled: true }, now);
    expect(repo.readSetting('kill_switch')).toEqual({ value: { enabled: true }, updatedAt: now.toISOString() });
  });
});
