import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { RunningSimulator, startSimulator } from '@desk/upstox/simulator';
import { HttpUpstoxClient } from '../lib/http-upstox-client';
import { InstrumentFileLoader } from '../lib/instrument-file-loader';
import { SimulatorAppLookup } from '../lib/simulator-app-lookup';
import { DEFAULT_OUTBOUND_LIMITS, OutboundLimiter, OutboundLimits } from '../lib/outbound-limiter';
import { parseUpstoxConfig } from '../lib/upstox.config';
import { UpstoxAuth, UpstoxEndpoints } from '../lib/upstox-client';

/** A real simulator on an ephemeral port plus helpers for its control API (PLAN §1). */
export class SimHarness {
  private constructor(readonly sim: RunningSimulator) {}

  static async start(): Promise<SimHarness> {
    return new SimHarness(await startSimulator({ port: 0, stepDelayMs: 5 }));
  }

  get url(): string {
    return this.sim.url;
  }

  endpoints(environment: UpstoxEndpoints['environment'] = 'simulator'): UpstoxEndpoints {
    return { environment, apiUrl: this.sim.url, orderUrl: this.sim.url };
  }

  async control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.sim.url}/__sim/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sim control ${method} ${path} -> ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async reset(): Promise<void> {
    await this.control('POST', 'reset', {});
  }

  async auth(environment: UpstoxEndpoints['environment'] = 'simulator'): Promise<UpstoxAuth> {
    const { access_token } = await this.control<{ access_token: string }>('POST', 'tokens', {});
    return { endpoints: this.endpoints(environment), accessToken: access_token };
  }

  async calls(route: string): Promise<number> {
    const { counts } = await this.control<{ counts: Record<string, number> }>('GET', 'calls');
    return counts[route] ?? 0;
  }

  async totalCalls(): Promise<number> {
    const { counts } = await this.control<{ counts: Record<string, number> }>('GET', 'calls');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async fault(route: string, kind: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.control('POST', 'faults', { route, kind, ...extra });
  }

  /** GET /__sim/feed: the portfolio stream's sockets as the simulator sees them. */
  async feed(): Promise<{ open_sockets: number; stalled_sockets: number; opened_total: number }> {
    return this.control('GET', 'feed');
  }

  /** POST /__sim/feed/<fault> (drop, stall, resume, refuse, duplicate, reorder). */
  async feedFault(fault: string, body: Record<string, unknown> = {}): Promise<void> {
    await this.control('POST', `feed/${fault}`, body);
  }

  async simOrders(): Promise<{ order_id: string; tag: string | null; status: string }[]> {
    return (await this.control<{ orders: { order_id: string; tag: string | null; status: string }[] }>('GET', 'orders')).orders;
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

export function makeClient(opts: { timeoutMs?: number; limits?: OutboundLimits; marketProtection?: number } = {}): HttpUpstoxClient {
  const config = parseUpstoxConfig({
    UPSTOX_TIMEOUT_MS: String(opts.timeoutMs ?? 5_000),
    ...(opts.marketProtection !== undefined ? { UPSTOX_MARKET_PROTECTION: String(opts.marketProtection) } : {}),
  });
  return new HttpUpstoxClient(new HttpService(axios.create()), new OutboundLimiter(opts.limits ?? DEFAULT_OUTBOUND_LIMITS), config, {
    maxAttempts: 3,
    baseDelayMs: 5,
    maxDelayMs: 20,
  });
}

/** The simulator's demo-app lookup and the instrument-file loader, as the module builds them. */
export function makeDownloaders(): { simulatorApps: SimulatorAppLookup; instrumentFiles: InstrumentFileLoader; close: () => void } {
  const http = new HttpService(axios.create());
  const limiter = new OutboundLimiter(DEFAULT_OUTBOUND_LIMITS);
  const config = parseUpstoxConfig({ UPSTOX_TIMEOUT_MS: '5000' });
  const simulatorApps = new SimulatorAppLookup(http, limiter, config);
  const instrumentFiles = new InstrumentFileLoader(http, limiter, config);
  return { simulatorApps, instrumentFiles, close: () => (simulatorApps.close(), instrumentFiles.close()) };
}

/** A port on which nothing listens (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Drives the simulated consent dialog like a browser: dialog -> consent page -> POST the form with
 * decision=approve -> read `code` from the redirect to redirect_uri.
 */
export async function approveConsent(authorizationUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<URL> {
  const dialog = await fetch(authorizationUrl, { redirect: 'manual' });
  if (dialog.status !== 302 && dialog.status !== 303) throw new Error(`dialog answered ${dialog.status}: ${await dialog.text()}`);
  const consentUrl = new URL(dialog.headers.get('location') ?? '', authorizationUrl);
  const page = await fetch(consentUrl, { redirect: 'manual' });
  const html = await page.text();
  const form = /<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error('no consent form on the page');
  const fields = new URLSearchParams();
  for (const m of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) fields.set(m[1], decodeHtml(m[2]));
  fields.set('decision', decision);
  const posted = await fetch(new URL(decodeHtml(form[1]), consentUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  if (posted.status !== 302 && posted.status !== 303) throw new Error(`consent answered ${posted.status}`);
  return new URL(posted.headers.get('location') ?? '');
}

function decodeHtml(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Polls until `check` holds (the simulator walks order statuses in real time). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
