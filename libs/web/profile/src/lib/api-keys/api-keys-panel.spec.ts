import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiKeySummary, CreateApiKeyResponse } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { ApiKeysPanel } from './api-keys-panel';
import { ApiKeysStore } from './api-keys-store';

const ACTIVE: ApiKeySummary = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'nightly report',
  scopes: ['read'],
  prefix: 'desk_AbCdEfG',
  createdAt: '2026-11-27T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};
const CREATED: CreateApiKeyResponse = {
  ...ACTIVE,
  id: '22222222-2222-4222-8222-222222222222',
  name: 'bot',
  prefix: 'desk_XyZ1234',
  createdAt: '2026-11-28T09:00:00.000Z',
  key: 'desk_XyZ1234-the-whole-secret',
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ApiKeysPanel', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(keys: ApiKeySummary[] | null, status = 200) {
    const fixture = TestBed.createComponent(ApiKeysPanel);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="api-keys-loading"]')?.textContent).toContain('Loading API keys');
    const body = keys ?? { code: 'INTERNAL_ERROR', title: 'Request refused', message: 'The database is locked.', nextStep: 'Try again.', requestId: 'req-1' };
    backend.expectOne({ method: 'GET', url: '/api/keys' }).flush(body, { status, statusText: 'x' });
    await settle(fixture);
    return { fixture, el };
  }

  async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
    await tick();
    await fixture.whenStable();
  }

  function button(el: HTMLElement, text: string): HTMLButtonElement {
    const found = Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text || b.getAttribute('aria-label') === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  async function fillForm(el: HTMLElement, fixture: { whenStable(): Promise<unknown> }, name: string, trade: boolean) {
    button(el, 'New API key').click();
    await settle(fixture);
    const input = el.querySelector<HTMLInputElement>('#api-key-name');
    if (!input) throw new Error('no name input');
    input.value = name;
    input.dispatchEvent(new Event('input'));
    const [, tradeBox] = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    if (tradeBox.checked !== trade) tradeBox.click();
    await settle(fixture);
  }

  it('lists name, prefix, scopes, times and the revoked state', async () => {
    const { el } = await render([ACTIVE, { ...ACTIVE, id: 'r', name: 'old bot', scopes: ['read', 'trade'], revokedAt: '2026-11-28T04:00:00.000Z' }]);
    const rows = el.querySelectorAll('[data-testid="api-key-row"]');
    expect(rows.length).toBe(2);
    const [active, revoked] = Array.from(rows) as HTMLElement[];
    expect(active.querySelector('[data-testid="api-key-name"]')?.textContent).toBe('nightly report');
    expect(active.querySelector('[data-testid="api-key-prefix"]')?.textContent).toBe('desk_AbCdEfG…');
    expect(active.querySelector('[data-testid="api-key-state"]')?.textContent?.trim()).toBe('Active');
    expect(active.querySelector('[data-testid="api-key-last-used"]')?.textContent).toBe('Never');
    expect(active.textContent).toContain('27 Nov, 14:30:00 IST');
    expect(revoked.querySelector('[data-testid="api-key-state"]')?.textContent?.trim()).toBe('Revoked');
    expect(revoked.querySelector('[data-testid="api-key-scopes"]')?.textContent).toMatch(/read\s*trade/);
    expect(revoked.querySelector('[data-testid="api-key-revoked-at"]')?.textContent).toBe('28 Nov, 09:30:00 IST');
    expect(revoked.querySelector('button')).toBeNull();
  });

  it('says when there are no keys, and shows a failed list read with a retry', async () => {
    const empty = await render([]);
    expect(empty.el.querySelector('[data-testid="api-keys-empty"]')?.textContent).toContain('No API keys yet');
    empty.fixture.destroy();

    TestBed.inject(ApiKeysStore).reset();
    const { el, fixture } = await render(null, 500);
    expect(el.querySelector('[data-testid="error-message"]')?.textContent).toBe('The database is locked.');
    button(el, 'Try again').click();
    backend.expectOne('/api/keys').flush([ACTIVE]);
    await settle(fixture);
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelectorAll('[data-testid="api-key-row"]').length).toBe(1);
  });

  it('labels the trade scope as real money and checks the form before sending', async () => {
    const { el, fixture } = await render([]);
    await fillForm(el, fixture, '', false);
    expect(el.querySelector('form')?.textContent).toContain('can place, modify and cancel orders with real money');
    button(el, 'Create key').click();
    await settle(fixture);
    expect(el.querySelector('#api-key-name-error')?.textContent).toContain('Enter a name');
    expect(el.querySelector('#api-key-name')?.getAttribute('aria-invalid')).toBe('true');
    backend.expectNone('/api/keys');
  });

  it('shows the new key once with a copy button and a curl example, and forgets it when dismissed', async () => {
    const { el, fixture } = await render([ACTIVE]);
    await fillForm(el, fixture, 'bot', true);
    button(el, 'Create key').click();
    const post = backend.expectOne({ method: 'POST', url: '/api/keys' });
    expect(post.request.body).toEqual({ name: 'bot', scopes: ['read', 'trade'] });
    post.flush(CREATED, { status: 201, statusText: 'Created' });
    await settle(fixture);

    const callout = el.querySelector('[data-testid="api-key-created"]');
    expect(callout?.textContent).toContain('Copy it now: it will not be shown again');
    expect(el.querySelector('[data-testid="api-key-secret"]')?.textContent).toBe('desk_XyZ1234-the-whole-secret');
    expect(el.querySelector('[data-testid="api-key-curl"]')?.textContent).toBe(
      `curl -H "Authorization: Bearer desk_XyZ1234-the-whole-secret" ${location.origin}/api/orders`,
    );
    expect(el.querySelector('[aria-label="Copy API key"]')).not.toBeNull();
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelectorAll('[data-testid="api-key-row"]').length).toBe(2);
    expect(localStorage.length + sessionStorage.length).toBe(0);

    button(el, 'Done, I have copied it').click();
    await settle(fixture);
    expect(el.querySelector('[data-testid="api-key-created"]')).toBeNull();
    expect(el.textContent).not.toContain('the-whole-secret');
    expect(TestBed.inject(ApiKeysStore).created()).toBeNull();
  });

  it('forgets a shown key when the dashboard goes away (sign-out), even if never dismissed', async () => {
    const { el, fixture } = await render([]);
    await fillForm(el, fixture, 'bot', false);
    button(el, 'Create key').click();
    backend.expectOne('/api/keys').flush(CREATED, { status: 201, statusText: 'Created' });
    await settle(fixture);
    const store = TestBed.inject(ApiKeysStore);
    expect(store.created()?.key).toBe(CREATED.key);
    expect(document.activeElement).toBe(el.querySelector('[data-testid="api-key-created"]'));
    fixture.destroy();
    expect(store.created()).toBeNull();
    expect(store.keys()).toEqual([]);
  });

  it('shows why a create was refused and keeps the form', async () => {
    const { el, fixture } = await render([]);
    await fillForm(el, fixture, 'bot', false);
    button(el, 'Create key').click();
    backend
      .expectOne('/api/keys')
      .flush({ code: 'VALIDATION_FAILED', title: 'Request refused', message: 'name may contain letters, digits, spaces and punctuation only', requestId: 'r' }, { status: 400, statusText: 'x' });
    await settle(fixture);
    expect(el.querySelector('form [data-testid="error-message"]')?.textContent).toContain('letters, digits');
    expect(el.querySelector('[data-testid="api-key-created"]')).toBeNull();
  });

  it('asks before revoking; "Keep key" sends nothing, "Yes, revoke" sends the DELETE', async () => {
    const { el, fixture } = await render([ACTIVE]);
    button(el, 'Revoke nightly report').click();
    await settle(fixture);
    const confirmation = el.querySelector('[data-testid="revoke-confirmation"]');
    expect(confirmation?.getAttribute('role')).toBe('alertdialog');
    expect(confirmation?.textContent).toContain('Revoke “nightly report”?');
    backend.expectNone(`/api/keys/${ACTIVE.id}`);

    button(el, 'Keep key').click();
    await settle(fixture);
    expect(el.querySelector('[data-testid="revoke-confirmation"]')).toBeNull();
    backend.expectNone(`/api/keys/${ACTIVE.id}`);

    button(el, 'Revoke nightly report').click();
    await settle(fixture);
    button(el, 'Yes, revoke').click();
    backend.expectOne({ method: 'DELETE', url: `/api/keys/${ACTIVE.id}` }).flush({ ...ACTIVE, revokedAt: '2026-11-28T09:05:00.000Z' });
    await settle(fixture);
    expect(el.querySelector('[data-testid="api-key-state"]')?.textContent?.trim()).toBe('Revoked');
    expect(el.querySelector('[data-testid="revoke-confirmation"]')).toBeNull();
  });

  it('shows a failed revoke on its key', async () => {
    const { el, fixture } = await render([ACTIVE]);
    button(el, 'Revoke nightly report').click();
    await settle(fixture);
    button(el, 'Yes, revoke').click();
    backend.expectOne(`/api/keys/${ACTIVE.id}`).flush({ code: 'SESSION_REQUIRED', title: 'Not signed in', message: 'Sign in again.', requestId: 'r' }, { status: 401, statusText: 'x' });
    await settle(fixture);
    const row = el.querySelector('[data-testid="api-key-row"]');
    expect(row?.querySelector('[data-testid="error-title"]')?.textContent).toBe('Not signed in');
    expect(row?.querySelector('[data-testid="api-key-state"]')?.textContent?.trim()).toBe('Active');
  });
});
