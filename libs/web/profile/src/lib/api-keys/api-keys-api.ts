import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiKeySummary, CreateApiKeyRequest, CreateApiKeyResponse } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

/** The api's key routes (session only: a key can never manage keys). */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);

  list(): Promise<ApiKeySummary[]> {
    return firstValueFrom(this.http.get<ApiKeySummary[]>('/api/keys'));
  }

  create(request: CreateApiKeyRequest): Promise<CreateApiKeyResponse> {
    return firstValueFrom(this.http.post<CreateApiKeyResponse>('/api/keys', request));
  }

  revoke(id: string): Promise<ApiKeySummary> {
    return firstValueFrom(this.http.delete<ApiKeySummary>(`/api/keys/${encodeURIComponent(id)}`));
  }
}
