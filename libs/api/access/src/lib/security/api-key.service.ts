import { ApiKeyScope, ApiKeySummary, CreateApiKeyResponse, DeskError, ERROR_TITLES } from '@desk/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, randomToken, sha256 } from '@desk/api/core';
import { ApiKeyRepository } from './api-key.repository';
import { PrincipalRevocations } from './principal-revocations';

export const API_KEY_PREFIX = 'desk_';
const PREFIX_SHOWN = 12;
const USE_RECORDED_EVERY_MS = 60_000;

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly revocations: PrincipalRevocations,
  ) {}

  create(name: string, scopes: ApiKeyScope[]): CreateApiKeyResponse {
    const key = `${API_KEY_PREFIX}${randomToken()}`;
    const summary = this.keys.insert({
      id: randomUUID(),
      name,
      keyHash: sha256(key),
      prefix: key.slice(0, PREFIX_SHOWN),
      scopes: [...new Set(scopes)].sort(),
      createdAt: this.clock.now().getTime(),
    });
    return { ...summary, key };
  }

  list(): ApiKeySummary[] {
    return this.keys.list();
  }

  revoke(id: string): ApiKeySummary {
    const existing = this.keys.get(id);
    if (!existing) {
      throw new DeskError({
        code: 'NOT_FOUND',
        title: ERROR_TITLES.requestRefused,
        httpStatus: 404,
        message: 'No API key with this id.',
      });
    }
    this.keys.revoke(id, this.clock.now().getTime());
    this.revocations.notify({ kind: 'api-key', id });
    return this.keys.get(id) as ApiKeySummary;
  }

  /** The active key's summary, or undefined for an unknown, malformed or revoked key. */
  verify(key: string): ApiKeySummary | undefined {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return undefined;
    const summary = this.keys.findActiveByHash(sha256(key));
    if (!summary) return undefined;
    const now = this.clock.now().getTime();
    const lastUsed = summary.lastUsedAt ? Date.parse(summary.lastUsedAt) : 0;
    if (now - lastUsed > USE_RECORDED_EVERY_MS) this.keys.markUsed(summary.id, now);
    return summary;
  }
}
