import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DeskError, ERROR_TITLES, SimulatorAppCredentials } from '@desk/contracts';
import { OutboundLimiter } from './outbound-limiter';
import { upstoxConfig, UpstoxConfig } from './upstox.config';
import { malformedResponseError } from './upstox-error-map';
import { parseJson, UpstoxHttpTransport } from './upstox-transport';
import { httpUrlOrThrow, rawFetchTransport } from './upstox-raw-fetch';

/**
 * GET {simUrl}/__sim/app: the demo app of the built-in simulator. The simulator's own endpoint, not part of
 * Upstox's API, so it lives here and not in UpstoxClient. The request carries nothing (no token, no secret).
 */
@Injectable()
export class SimulatorAppLookup implements OnModuleDestroy {
  private readonly transport: UpstoxHttpTransport;

  constructor(http: HttpService, limiter: OutboundLimiter, @Inject(upstoxConfig.KEY) config: UpstoxConfig) {
    this.transport = rawFetchTransport(http, limiter, config);
  }

  onModuleDestroy(): void {
    this.transport.destroy();
  }

  /** Closes keep-alive sockets (tests call it before stopping the simulator). */
  close(): void {
    this.transport.destroy();
  }

  async demoApp(simUrl: string): Promise<SimulatorAppCredentials> {
    const url = `${httpUrlOrThrow(simUrl).replace(/\/+$/, '')}/__sim/app`;
    let res;
    try {
      res = await this.transport.fetchRaw(url, 'text');
    } catch {
      throw new DeskError({
        code: 'UPSTOX_UNREACHABLE', title: ERROR_TITLES.connectionFailed, httpStatus: 502,
        message: 'The built-in simulator could not be reached.', nextStep: 'Start the simulator (npm start starts it; or npm run simulator) and try again.',
        logDetail: `simulator app lookup failed at ${new URL(url).origin}`,
      });
    }
    const app = parseJson(res.data) as { client_id?: unknown; client_secret?: unknown; redirect_uri?: unknown } | undefined;
    if (res.status !== 200 || !app || typeof app.client_id !== 'string' || typeof app.client_secret !== 'string' || typeof app.redirect_uri !== 'string') {
      throw malformedResponseError({ method: 'GET', path: '/__sim/app', write: false }, res.status, 'simulator /__sim/app answer not {client_id, client_secret, redirect_uri}');
    }
    return { apiKey: app.client_id, apiSecret: app.client_secret, redirectUri: app.redirect_uri };
  }
}
