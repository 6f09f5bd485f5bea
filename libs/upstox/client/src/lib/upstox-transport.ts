import * as http from 'node:http';
import * as https from 'node:https';
import { Logger } from '@nestjs/common';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { OutboundKind, OutboundLimiter } from './outbound-limiter';
import { RetryOptions, withReadRetries } from './retry-policy';
import { exchangeText, TextAnswer } from './upstox-http-request';
import { UpstoxApiError } from './upstox-api-error';
import {
  errorFromNetworkFailure,
  errorFromUpstoxResponse,
  malformedResponseError,
  NetworkFailureKind,
  UpstoxCallContext,
} from './upstox-error-map';

/** A normal User-Agent: some Upstox edges refuse unnamed non-browser clients (CONTRACT §8). */
export const UPSTOX_USER_AGENT = 'Mozilla/5.0 (compatible; UpstoxDesk/1.0; +https://github.com/upstox-desk)';

export interface UpstoxRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  baseUrl: string;
  /** Path only; the query goes in `query` so that errors and logs never carry it. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  accessToken?: string;
  /** Which outbound budget the call spends. */
  budget: OutboundKind;
  /** Order write: never retried, ambiguous failures have outcome `unknown`. */
  write: boolean;
  /** Read retries (429/5xx/network); false for writes, token exchange and logout. */
  retry: boolean;
  /** Token exchange: flat body, login reading of error codes. */
  login?: boolean;
}

export interface UpstoxEnvelope {
  status: string;
  data: unknown;
  metadata?: { latency?: unknown } | null;
}

const NETWORK_CODES: Record<string, NetworkFailureKind> = {
  ECONNABORTED: 'timeout',
  ETIMEDOUT: 'timeout',
  ERR_CANCELED: 'timeout',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  EADDRNOTAVAIL: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ERR_SOCKET_CLOSED: 'reset',
};

/** Percent-encodes every value (`NSE_EQ|X` -> `NSE_EQ%7CX`); commas inside lists stay literal. */
function buildQuery(query: Record<string, string | undefined> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const encoded = value.split(',').map(encodeURIComponent).join(',');
    parts.push(`${encodeURIComponent(name)}=${encoded}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The one way this library talks HTTP: limiter, timeout, keep-alive agent per host, error mapping,
 * read retries. Secrets travel only in headers and bodies, never in what is logged or thrown.
 * API calls use Node's client directly (exchangeText); axios serves only the raw downloads (fetchRaw: streams).
 */
export class UpstoxHttpTransport {
  private readonly logger = new Logger('UpstoxClient');
  private readonly agents = new Map<string, http.Agent>();

  constructor(
    private readonly axios: AxiosInstance,
    private readonly limiter: OutboundLimiter,
    private readonly timeoutMs: number,
    private readonly retryOptions: RetryOptions,
  ) {}

  /** Upstox call that must answer with the `{status,data}` envelope (or a flat object for login). */
  async send(req: UpstoxRequest): Promise<UpstoxEnvelope> {
    const ctx: UpstoxCallContext = { method: req.method, path: req.path, write: req.write, login: req.login };
    const once = () => this.sendOnce(req, ctx);
    try {
      return await (req.retry ? withReadRetries(once, this.retryOptions) : once());
    } catch (error) {
      if (error instanceof UpstoxApiError) this.logger.warn(`${error.code} (outcome ${error.outcome}): ${error.logDetail ?? ''}`);
      throw error;
    }
  }

  /** Plain GET without limiter or envelope (instrument file, simulator control API). */
  async fetchRaw(
    url: string,
    responseType: 'text' | 'arraybuffer' | 'stream',
    timeoutMs = this.timeoutMs,
    headers: Record<string, string> = {},
  ): Promise<AxiosResponse> {
    return this.axios.request(this.axiosConfig({ method: 'GET', url, headers: { ...this.baseHeaders(), ...headers }, responseType, timeoutMs }));
  }

  /** Closes idle keep-alive sockets (module shutdown, tests). */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private async sendOnce(req: UpstoxRequest, ctx: UpstoxCallContext): Promise<UpstoxEnvelope> {
    const release = await this.limiter.acquire(req.budget);
    try {
      return await this.sendGranted(req, ctx);
    } finally {
      release();
    }
  }

  private async sendGranted(req: UpstoxRequest, ctx: UpstoxCallContext): Promise<UpstoxEnvelope> {
    const headers: Record<string, string> = this.baseHeaders();
    let data: string | undefined;
    if (req.accessToken) headers['Authorization'] = `Bearer ${req.accessToken}`;
    if (req.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      data = new URLSearchParams(req.form).toString();
    } else if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      data = JSON.stringify(req.json);
    }
    const url = `${req.baseUrl}${req.path}${buildQuery(req.query)}`;
    let answer: TextAnswer;
    try {
      answer = await exchangeText({ method: req.method, url, headers, body: data, agent: this.agentFor(url), timeoutMs: this.timeoutMs });
    } catch (error) {
      throw this.networkError(ctx, error);
    }
    return this.readResponse(req, ctx, answer);
  }

  private readResponse(req: UpstoxRequest, ctx: UpstoxCallContext, answer: TextAnswer): UpstoxEnvelope {
    const status = answer.status;
    const body = parseJson(answer.text);
    if (status < 200 || status >= 300) throw errorFromUpstoxResponse(ctx, status, body);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw malformedResponseError(ctx, status, 'body is not a JSON object');
    }
    const envelope = body as Record<string, unknown>;
    if (envelope['status'] === 'error') throw errorFromUpstoxResponse(ctx, status, body);
    if (req.login) return { status: 'success', data: body };
    if ((envelope['status'] !== 'success' && envelope['status'] !== 'partial_success') || !('data' in envelope)) {
      throw malformedResponseError(ctx, status, 'no {status:"success", data} envelope');
    }
    return envelope as unknown as UpstoxEnvelope;
  }

  private networkError(ctx: UpstoxCallContext, error: unknown): UpstoxApiError {
    if (error instanceof UpstoxApiError) return error;
    const err = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
    const code = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : undefined;
    let kind: NetworkFailureKind = (code && NETWORK_CODES[code]) || 'other';
    if (kind === 'other' && typeof err.message === 'string' && /socket hang up/i.test(err.message)) kind = 'reset';
    return errorFromNetworkFailure(ctx, kind, code);
  }

  private baseHeaders(): Record<string, string> {
    return { Accept: 'application/json', 'User-Agent': UPSTOX_USER_AGENT };
  }

  private axiosConfig(p: {
    method: string;
    url: string;
    headers: Record<string, string>;
    data?: string;
    responseType: 'text' | 'arraybuffer' | 'stream';
    timeoutMs: number;
  }): AxiosRequestConfig {
    const agent = this.agentFor(p.url);
    return {
      method: p.method,
      url: p.url,
      headers: p.headers,
      data: p.data,
      responseType: p.responseType,
      // Keep the raw text: we parse it ourselves to tell "not JSON" apart from an error body.
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
      timeout: p.timeoutMs,
      // Hard cap on the whole exchange (axios' timeout alone is a socket idle timeout in Node).
      signal: AbortSignal.timeout(p.timeoutMs + 50),
      httpAgent: agent instanceof https.Agent ? undefined : agent,
      httpsAgent: agent instanceof https.Agent ? agent : undefined,
    };
  }

  private agentFor(url: string): http.Agent {
    const origin = new URL(url).origin;
    let agent = this.agents.get(origin);
    if (!agent) {
      const options = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 16, maxFreeSockets: 4, timeout: 60_000 };
      agent = origin.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
      this.agents.set(origin, agent);
    }
    return agent;
  }
}
