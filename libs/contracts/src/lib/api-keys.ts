/** API keys for scripts and bots: `Authorization: Bearer <key>`. Stored hashed; shown once. */
export const API_KEY_SCOPES = ['read', 'trade'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
}

export interface ApiKeySummary {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The first characters of the key, to recognise it in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POST /api/keys: the only response that ever carries the key itself. */
export interface CreateApiKeyResponse extends ApiKeySummary {
  key: string;
}
