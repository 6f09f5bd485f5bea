import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ConnectWithTokenRequest,
  ConnectionStatus,
  SimulatorAppCredentials,
  StartOAuthRequest,
  StartOAuthResponse,
} from '@desk/contracts';
import { firstValueFrom } from 'rxjs';

/** The api's /api/connection routes. Rejections are ApiRequestError (see provideDeskHttp). */
@Injectable({ providedIn: 'root' })
export class ConnectionApi {
  private readonly http = inject(HttpClient);

  status(): Promise<ConnectionStatus> {
    return firstValueFrom(this.http.get<ConnectionStatus>('/api/connection'));
  }

  simulatorApp(): Promise<SimulatorAppCredentials> {
    return firstValueFrom(this.http.get<SimulatorAppCredentials>('/api/connection/simulator-app'));
  }

  startOAuth(request: StartOAuthRequest): Promise<StartOAuthResponse> {
    return firstValueFrom(this.http.post<StartOAuthResponse>('/api/connection/oauth', request));
  }

  connectWithToken(request: ConnectWithTokenRequest): Promise<ConnectionStatus> {
    return firstValueFrom(this.http.post<ConnectionStatus>('/api/connection/token', request));
  }

  disconnect(): Promise<unknown> {
    return firstValueFrom(this.http.delete('/api/connection'));
  }
}
