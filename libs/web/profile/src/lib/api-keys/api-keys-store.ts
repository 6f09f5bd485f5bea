import { Injectable, computed, inject, signal } from '@angular/core';
import { ApiKeyScope, ApiKeySummary, CreateApiKeyResponse, ERROR_TITLES } from '@desk/contracts';
import { ActionResult, RequestState, attempt } from '@desk/web/http';
import { ApiKeysApi } from './api-keys-api';

/** The dashboard's limit; the api allows a little more, so a name accepted here is never refused there. */
export const API_KEY_NAME_MAX = 60;

/** Form rules shared by the component and its tests: the first problem with a new key's input, or null. */
export function validateNewApiKey(name: string, scopes: readonly ApiKeyScope[]): { field: 'name' | 'scopes'; message: string } | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { field: 'name', message: 'Enter a name, e.g. the script that will use the key.' };
  if (trimmed.length > API_KEY_NAME_MAX) return { field: 'name', message: `Use at most ${API_KEY_NAME_MAX} characters.` };
  if (scopes.length === 0) return { field: 'scopes', message: 'Choose at least one scope.' };
  return null;
}

/** The list keeps summaries only: the secret lives in `created` and nowhere else. */
function withoutSecret(created: CreateApiKeyResponse): ApiKeySummary {
  const { id, name, scopes, prefix, createdAt, lastUsedAt, revokedAt } = created;
  return { id, name, scopes, prefix, createdAt, lastUsedAt, revokedAt };
}

export type ApiKeyResult = ActionResult;

/**
 * API keys for scripts and bots. The key itself exists only in `created` (memory, this tab) from the
 * create response until the user dismisses it: never in web storage, never re-fetchable.
 */
@Injectable({ providedIn: 'root' })
export class ApiKeysStore {
  private readonly api = inject(ApiKeysApi);

  private readonly list = new RequestState<ApiKeySummary[]>([]);
  private readonly _created = signal<CreateApiKeyResponse | null>(null);
  private readonly _busyId = signal<string | null>(null);

  /** Newest first; revoked keys stay listed (greyed) so "why did my bot stop?" has an answer. */
  readonly keys = computed(() => [...this.list.data()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  readonly loaded = this.list.loaded;
  readonly loading = this.list.loading;
  /** The last failed list read. Create and revoke failures are returned to the caller instead. */
  readonly error = this.list.error;
  /** The key just created, with its secret: shown once. */
  readonly created = this._created.asReadonly();
  /** The key being revoked right now. */
  readonly busyId = this._busyId.asReadonly();

  async load(): Promise<void> {
    await this.list.run(async () => {
      const keys = await this.api.list();
      return Array.isArray(keys) ? keys : [];
    });
  }

  async create(name: string, scopes: ApiKeyScope[]): Promise<ApiKeyResult> {
    const problem = validateNewApiKey(name, scopes);
    if (problem) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', title: ERROR_TITLES.invalidInput, message: problem.message, requestId: '' } };
    }
    const result = await attempt(() => this.api.create({ name: name.trim(), scopes: [...scopes] }));
    if (!result.ok) return result;
    const created = result.value;
    this._created.set(created);
    const summary = withoutSecret(created);
    this.list.update((keys) => [...keys.filter((k) => k.id !== summary.id), summary]);
    return { ok: true, value: undefined };
  }

  /** The user has copied the key (or chose not to): forget it for good. */
  dismissCreated(): void {
    this._created.set(null);
  }

  async revoke(id: string): Promise<ApiKeyResult> {
    this._busyId.set(id);
    const result = await attempt(() => this.api.revoke(id));
    this._busyId.set(null);
    if (!result.ok) return result;
    const revoked = result.value;
    this.list.update((keys) => keys.map((k) => (k.id === id ? { ...k, ...revoked } : k)));
    // A revoked key's secret is worthless; stop showing it.
    if (this._created()?.id === id) this._created.set(null);
    return { ok: true, value: undefined };
  }

  /** Signed out: forget everything, the secret first. */
  reset(): void {
    this._created.set(null);
    this.list.reset();
  }
}
