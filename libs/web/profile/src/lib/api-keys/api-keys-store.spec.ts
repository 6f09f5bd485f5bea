import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiKeySummary, CreateApiKeyResponse } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { ApiKeysStore, validateNewApiKey } from './api-keys-store';

const OLD: ApiKeySummary = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'nightly report',
  scopes: ['read'],
  prefix: 'desk_AbCdEfG',
  createdAt: '2026-11-27T09:00:00.000Z',
  lastUsedAt: '2026-11-28T03:00:00.000Z',
  revokedAt: null,
};
const CREATED: CreateApiKeyResponse = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'bot',
  scopes: ['read', 'trade'],
  prefix: 'desk_XyZ1234',
  createdAt: '2026-11-28T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  key: 'desk_XyZ1234-the-whole-secret',
};
const REFUSED = { code: 'VALIDATION_FAILED', title: 'Request refused', message: 'name may contain letters only', requestId: 'req-9' };

describe('ApiKeysStore', () => {
  let backend: HttpTestingController;
  let store: ApiKeysStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ApiKeysStore);
  });

  afterEach(() => backend.verify());

  async function loadWith(keys: ApiKeySummary[]): Promise<void> {
    const loading = store.load();
    expect(store.loading()).toBe(true);
    backend.expectOne({ method: 'GET', url: '/api/keys' }).flush(keys);
    await loading;
  }

  it('lists keys newest first', async () => {
    await loadWith([OLD, { ...OLD, id: 'x', name: 'newer', createdAt: '2026-11-28T01:00:00.000Z' }]);
    expect(store.loading()).toBe(false);
    expect(store.loaded()).toBe(true);
    expect(store.keys().map((k) => k.name)).toEqual(['newer', 'nightly report']);
  });

  it('keeps a failed list read as an error body', async () => {
    const loading = store.load();
    backend.expectOne('/api/keys').flush({ ...REFUSED, code: 'SESSION_REQUIRED', title: 'Not signed in' }, { status: 401, statusText: 'Unauthorized' });
    await loading;
    expect(store.loaded()).toBe(false);
    expect(store.error()?.title).toBe('Not signed in');
  });

  it('creates a key: posts name and scopes, holds the secret once, lists only the summary', async () => {
    await loadWith([OLD]);
    const creating = store.create('  bot ', ['read', 'trade']);
    const request = backend.expectOne({ method: 'POST', url: '/api/keys' });
    expect(request.request.body).toEqual({ name: 'bot', scopes: ['read', 'trade'] });
    request.flush(CREATED, { status: 201, statusText: 'Created' });
    expect(await creating).toEqual({ ok: true });
    expect(store.created()?.key).toBe('desk_XyZ1234-the-whole-secret');
    expect(store.keys()[0]).not.toHaveProperty('key');
    expect(store.keys().map((k) => k.id)).toEqual([CREATED.id, OLD.id]);
    store.dismissCreated();
    expect(store.created()).toBeNull();
    expect(JSON.stringify(store.keys())).not.toContain('the-whole-secret');
  });

  it('returns the api error of a refused create and keeps nothing', async () => {
    const creating = store.create('bot', ['read']);
    backend.expectOne('/api/keys').flush(REFUSED, { status: 400, statusText: 'Bad Request' });
    const result = await creating;
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: 'name may contain letters only', requestId: 'req-9' }) });
    expect(store.created()).toBeNull();
  });

  it('refuses an invalid form without calling the api', async () => {
    expect((await store.create('   ', ['read'])).ok).toBe(false);
    expect((await store.create('x'.repeat(61), ['read'])).ok).toBe(false);
    expect((await store.create('bot', [])).ok).toBe(false);
    backend.expectNone('/api/keys');
  });

  it('revokes: DELETE by id, the row shows the revocation, a shown secret of that key is dropped', async () => {
    await loadWith([OLD]);
    const creating = store.create('bot', ['read']);
    backend.expectOne('/api/keys').flush(CREATED);
    await creating;
    const revoking = store.revoke(CREATED.id);
    expect(store.busyId()).toBe(CREATED.id);
    backend.expectOne({ method: 'DELETE', url: `/api/keys/${CREATED.id}` }).flush({ ...OLD, id: CREATED.id, name: 'bot', revokedAt: '2026-11-28T09:05:00.000Z' });
    expect(await revoking).toEqual({ ok: true });
    expect(store.busyId()).toBeNull();
    expect(store.keys().find((k) => k.id === CREATED.id)?.revokedAt).toBe('2026-11-28T09:05:00.000Z');
    expect(store.created()).toBeNull();
  });

  it('returns the api error of a failed revoke and leaves the key active', async () => {
    await loadWith([OLD]);
    const revoking = store.revoke(OLD.id);
    backend.expectOne(`/api/keys/${OLD.id}`).flush({ ...REFUSED, code: 'NOT_FOUND', message: 'No API key with this id.' }, { status: 404, statusText: 'Not Found' });
    const result = await revoking;
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.message).toBe('No API key with this id.');
    expect(store.keys()[0].revokedAt).toBeNull();
  });
});

describe('validateNewApiKey', () => {
  it('needs a name of at most 60 characters and at least one scope', () => {
    expect(validateNewApiKey('', ['read'])?.field).toBe('name');
    expect(validateNewApiKey('x'.repeat(60), ['read'])).toBeNull();
    expect(validateNewApiKey('x'.repeat(61), ['read'])?.message).toBe('Use at most 60 characters.');
    expect(validateNewApiKey('bot', [])?.field).toBe('scopes');
    expect(validateNewApiKey('bot', ['trade'])).toBeNull();
  });
});
